//! The editor's staged checking on the real standard library: every file of some large and
//! generic-heavy packages checks clean, as `go build` says they are.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ide::{AnalysisHost, OsFileSystem};

#[test]
fn standard_library_packages_check_clean_in_the_editor() {
    let (settings, warning) = ide::detect_project_settings(Vec::new());
    let Some(goroot) = settings.goroot.clone() else {
        eprintln!("skipped: {}", warning.unwrap_or_default());
        return;
    };
    let mut host = AnalysisHost::new(Arc::new(OsFileSystem));
    host.set_project_settings(settings);
    let mut files = 0;
    // net/http/internal/httpcommon imports vendored modules by their module paths
    // (golang.org/x/net/http/httpguts): they must resolve as the go command resolves them.
    for package in [
        "fmt",
        "strings",
        "slices",
        "sync/atomic",
        "encoding/json",
        "net/http/internal/httpcommon",
    ] {
        let dir: PathBuf = goroot.join("src").join(package);
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a std package")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "go"))
            .collect();
        names.sort();
        for path in names {
            let file = host.load_file(Path::new(&path)).expect("readable");
            let errors = host
                .analysis()
                .type_diagnostics(file)
                .expect("not cancelled");
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            files += 1;
        }
    }
    assert!(files > 60, "only {files} files");
}

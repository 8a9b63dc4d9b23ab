//! docs/analyzers.md is generated from the registry, so that it lists every analyzer with its
//! default and severity as they are: `UPDATE_EXPECT=1 cargo test -p analyzers --test docs`
//! rewrites it.

use std::path::Path;

fn table() -> String {
    let mut out = String::from(
        "# Analyzers\n\n\
         Generated from the registry (`crates/analyzers/src/passes/mod.rs`) by\n\
         `UPDATE_EXPECT=1 cargo test -p analyzers --test docs`. Switch them with the `analyses`\n\
         setting (editors), `--enable`/`--disable` or `go-analyzer.toml` (`check`).\n\
         go vet's `asmdecl` and `framepointer` read assembly files, which go-analyzer does not\n\
         load; they are left out.\n\n\
         | analyzer | from | default | severity | what it reports |\n|---|---|---|---|---|\n",
    );
    for a in analyzers::all() {
        let suite = match a.suite {
            analyzers::Suite::Vet => "go vet",
            analyzers::Suite::Gopls => "gopls",
        };
        let default = if a.default_enabled { "on" } else { "off" };
        let severity = if a.fixes_errors {
            "quick fix on the compiler's error"
        } else {
            a.severity.as_str()
        };
        out.push_str(&format!(
            "| [{}]({}) | {suite} | {default} | {severity} | {} |\n",
            a.name,
            a.url(),
            a.summary().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn docs_list_every_analyzer() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/analyzers.md");
    let want = table();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &want).expect("cannot write docs/analyzers.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/analyzers.md is out of date: run UPDATE_EXPECT=1 cargo test -p analyzers --test docs"
    );
}

//! Differential test of `project_model::build` against the go command: every package of
//! GOROOT's `std` and `cmd`, for linux/amd64, windows/amd64, darwin/arm64 and js/wasm, must get
//! the same GoFiles, CgoFiles, IgnoredGoFiles, TestGoFiles, XTestGoFiles and InvalidGoFiles from
//! our classifier as from `go list -e -json std cmd`, and the same imports and embed patterns
//! per category from our header reader. `go list` runs once per target.
//!
//! The build context comes from the go command itself (`go list -f '{{context...}}'`): its
//! CGO_ENABLED for the target (what `go env CGO_ENABLED` reports), its release tags, and its
//! tool tags (`goexperiment.*`, `amd64.v1`, ...), which we pass as custom tags because files in
//! std are selected by them. Without a Go toolchain the test says so and passes: the only skip.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use project_model::build::{BuildContext, FileHeader, FileKind, classify, read_header};
use serde_json::Value;

const TARGETS: [(&str, &str); 4] = [
    ("linux", "amd64"),
    ("windows", "amd64"),
    ("darwin", "arm64"),
    ("js", "wasm"),
];

/// The file lists compared, in go list's field names.
const FILE_FIELDS: [&str; 6] = [
    "GoFiles",
    "CgoFiles",
    "IgnoredGoFiles",
    "TestGoFiles",
    "XTestGoFiles",
    "InvalidGoFiles",
];

/// The go binary and GOROOT, from $GOROOT or `go env GOROOT`.
fn toolchain() -> Option<(PathBuf, PathBuf)> {
    if let Some(root) = std::env::var_os("GOROOT").filter(|r| !r.is_empty()) {
        let root = PathBuf::from(root);
        let go = root.join("bin").join("go");
        return Some((if go.exists() { go } else { PathBuf::from("go") }, root));
    }
    let out = Command::new("go").args(["env", "GOROOT"]).output().ok()?;
    let root = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !root.is_empty()).then(|| (PathBuf::from("go"), PathBuf::from(root)))
}

fn go(go: &Path, goos: &str, goarch: &str, cgo: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = Command::new(go);
    cmd.args(args)
        .env("GOOS", goos)
        .env("GOARCH", goarch)
        .env("GOFLAGS", "");
    if let Some(cgo) = cgo {
        cmd.env("CGO_ENABLED", cgo);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

fn finish(child: std::io::Result<std::process::Child>, what: &str) -> Output {
    let out = child.and_then(|c| c.wait_with_output());
    match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => panic!("{what}: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => panic!("{what}: {e}"),
    }
}

/// The build context the go command uses for a target.
fn context_of(go_bin: &Path, goos: &str, goarch: &str) -> BuildContext {
    const FORMAT: &str =
        "{{context.CgoEnabled}} {{len context.ReleaseTags}} {{join context.ToolTags \",\"}}";
    let out = finish(
        go(
            go_bin,
            goos,
            goarch,
            None,
            &["list", "-f", FORMAT, "unsafe"],
        )
        .spawn(),
        "go list -f",
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut fields = text.split_whitespace();
    let cgo = fields.next() == Some("true");
    let minor = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let tool_tags = fields
        .next()
        .unwrap_or("")
        .split(',')
        .filter(|t| !t.is_empty());
    BuildContext::new(
        goos,
        goarch,
        cgo,
        minor,
        tool_tags.map(str::to_owned).collect(),
    )
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v[field]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// Our view of one package directory.
#[derive(Default)]
struct Ours {
    files: BTreeMap<&'static str, Vec<String>>,
    /// The package clause of the last non-test file included.
    package_name: String,
    imports: BTreeMap<&'static str, BTreeSet<String>>,
}

fn classify_dir(
    dir: &Path,
    ctx: &BuildContext,
    headers: &mut HashMap<PathBuf, FileHeader>,
) -> Ours {
    let mut ours = Ours::default();
    let mut names: Vec<(String, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| std::fs::metadata(e.path()).is_ok_and(|m| m.is_file()))
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let empty = FileHeader::default();
    for (name, path) in names {
        let needs_header = name.ends_with(".go") && !name.starts_with(['_', '.']);
        let header = if needs_header {
            headers
                .entry(path)
                .or_insert_with_key(|p| read_header(&std::fs::read(p).unwrap_or_default()))
        } else {
            &empty
        };
        let class = classify(ctx, &name, header);
        if class.fails_package() {
            // go list fails the package here and lists no further file.
            break;
        }
        if class.is_invalid() {
            ours.files
                .entry("InvalidGoFiles")
                .or_default()
                .push(name.clone());
        }
        if let Some(field) = class.go_list_field() {
            ours.files.entry(field).or_default().push(name.clone());
        }
        if matches!(class.kind, FileKind::Go | FileKind::Cgo) {
            ours.package_name = header.package_name().to_owned();
        }
        let (imports, embeds) = match class.kind {
            FileKind::Go | FileKind::Cgo => ("Imports", "EmbedPatterns"),
            FileKind::Test => ("TestImports", "TestEmbedPatterns"),
            FileKind::XTest => ("XTestImports", "XTestEmbedPatterns"),
            _ => continue,
        };
        let set = ours.imports.entry(imports).or_default();
        set.extend(header.build_imports().iter().map(|i| i.path.clone()));
        let set = ours.imports.entry(embeds).or_default();
        set.extend(header.embeds.iter().map(|e| e.pattern.clone()));
    }
    ours
}

fn diff(
    target: &str,
    pkg: &str,
    field: &str,
    ours: &[String],
    theirs: &[String],
) -> Option<String> {
    if ours == theirs {
        return None;
    }
    let only_ours: Vec<_> = ours.iter().filter(|f| !theirs.contains(f)).collect();
    let only_theirs: Vec<_> = theirs.iter().filter(|f| !ours.contains(f)).collect();
    Some(format!(
        "{target} {pkg} {field}: only ours {only_ours:?}, only go list {only_theirs:?}"
    ))
}

/// Directories under `root` the go command would consider for packages: not `testdata`, not
/// starting with `_` or `.`, holding at least one `.go` file that is not hidden.
fn go_dirs(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut has_go = false;
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            if name != "testdata" && !name.starts_with(['_', '.']) {
                go_dirs(&e.path(), out);
            }
        } else if name.ends_with(".go") && !name.starts_with(['_', '.']) {
            has_go = true;
        }
    }
    if has_go {
        out.push(root.to_owned());
    }
}

#[test]
fn classification_matches_go_list_for_std_and_cmd() {
    let Some((go_bin, goroot)) = toolchain() else {
        eprintln!("build_std: no Go toolchain (neither $GOROOT nor `go env GOROOT`); skipped");
        return;
    };
    let started = Instant::now();
    let contexts: Vec<BuildContext> = TARGETS
        .iter()
        .map(|(goos, goarch)| context_of(&go_bin, goos, goarch))
        .collect();
    // One `go list` per target, all running at once.
    let children: Vec<_> = contexts
        .iter()
        .map(|c| {
            let cgo = if c.cgo_enabled { "1" } else { "0" };
            go(
                &go_bin,
                &c.goos,
                &c.goarch,
                Some(cgo),
                &["list", "-e", "-json", "std", "cmd"],
            )
            .spawn()
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| finish(c, "go list -json std cmd"))
        .collect();
    let go_list_time = started.elapsed();

    let mut headers: HashMap<PathBuf, FileHeader> = HashMap::new();
    let mut differences = Vec::new();
    let mut listed_dirs = Vec::new();
    for (ctx, out) in contexts.iter().zip(&outputs) {
        let mut listed = BTreeSet::new();
        let target = format!("{}/{}", ctx.goos, ctx.goarch);
        let (mut packages, mut files) = (0, 0);
        for v in serde_json::Deserializer::from_slice(&out.stdout).into_iter::<Value>() {
            let v = v.unwrap_or_else(|e| panic!("{target}: go list output: {e}"));
            let pkg = v["ImportPath"].as_str().unwrap_or("?").to_owned();
            let Some(dir) = v["Dir"].as_str() else {
                continue;
            };
            listed.insert(PathBuf::from(dir));
            let ours = classify_dir(Path::new(dir), ctx, &mut headers);
            packages += 1;
            for field in FILE_FIELDS {
                let mine = ours.files.get(field).cloned().unwrap_or_default();
                files += mine.len();
                differences.extend(diff(&target, &pkg, field, &mine, &strings(&v, field)));
            }
            // go list reports vendored imports by their resolved path ("vendor/golang.org/x/..."
            // in std, "cmd/vendor/..." in cmd), and the imports of a command built with a PGO
            // profile as variants ("fmt [cmd/compile]"); our header has the path as written.
            let unvendor = |p: String| {
                let p = p.split(" [").next().unwrap_or_default().to_owned();
                match p.strip_prefix("cmd/vendor/") {
                    Some(rest) => rest.to_owned(),
                    None => p.strip_prefix("vendor/").map_or(p.clone(), str::to_owned),
                }
            };
            for field in [
                "Imports",
                "TestImports",
                "XTestImports",
                "EmbedPatterns",
                "TestEmbedPatterns",
                "XTestEmbedPatterns",
            ] {
                let mine: Vec<String> = ours
                    .imports
                    .get(field)
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect();
                let theirs: BTreeSet<String> =
                    strings(&v, field).into_iter().map(unvendor).collect();
                let theirs: Vec<String> = theirs.into_iter().collect();
                differences.extend(diff(&target, &pkg, field, &mine, &theirs));
            }
        }
        eprintln!("build_std: {target}: {packages} packages, {files} files compared");
        listed_dirs.push(listed);
        assert!(
            packages > 300,
            "{target}: go list listed only {packages} packages"
        );
    }

    // The directories go list reports are exactly those where our classifier includes a file,
    // less go's own exclusions: `builtin` (documentation only), commands vendored into cmd,
    // and runtime/cgo when cgo is off.
    let mut dirs = Vec::new();
    go_dirs(&goroot.join("src"), &mut dirs);
    for (ctx, listed) in contexts.iter().zip(&listed_dirs) {
        let target = format!("{}/{}", ctx.goos, ctx.goarch);
        for dir in &dirs {
            let ours = classify_dir(dir, ctx, &mut headers);
            let rel = dir
                .strip_prefix(goroot.join("src"))
                .unwrap_or(dir)
                .to_string_lossy()
                .replace('\\', "/");
            let included = ["GoFiles", "CgoFiles", "TestGoFiles", "XTestGoFiles"]
                .iter()
                .any(|f| ours.files.get(f).is_some_and(|l| !l.is_empty()));
            let vendored_command = rel.starts_with("cmd/vendor/") && ours.package_name == "main";
            let excluded =
                rel == "builtin" || vendored_command || (rel == "runtime/cgo" && !ctx.cgo_enabled);
            let expected = included && !excluded;
            if expected != listed.contains(dir) {
                differences.push(format!(
                    "{target} {rel}: go list {} it, we expected {}: {:?}",
                    if listed.contains(dir) {
                        "lists"
                    } else {
                        "does not list"
                    },
                    if expected { "it listed" } else { "it absent" },
                    ours.files
                ));
            }
        }
    }
    eprintln!(
        "build_std: {} directories with Go files under src; {} distinct files read; \
         go list {:.1?}, total {:.1?}",
        dirs.len(),
        headers.len(),
        go_list_time,
        started.elapsed()
    );
    for d in &differences {
        eprintln!("build_std: DIFFERENCE {d}");
    }
    assert!(
        differences.is_empty(),
        "{} differences with go list (listed above)",
        differences.len()
    );
}

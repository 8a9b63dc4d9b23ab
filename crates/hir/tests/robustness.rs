//! Code in any state of brokenness must check without a panic, a hang or a stack overflow:
//! every file of the Go source tree's `test/` directory, random mutations of standard library
//! files, and pathologically deep or recursive declarations.

use std::path::{Path, PathBuf};

use hir::{Config, Importer, PackageId, SourceFile, World};

struct NoImports;

impl Importer for NoImports {
    fn import(&mut self, _world: &mut World, path: &str) -> Result<PackageId, String> {
        Err(format!("{path} is not available in this test"))
    }
}

fn goroot() -> Option<PathBuf> {
    let out = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .ok()?;
    let root = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!root.is_empty()).then(|| PathBuf::from(root))
}

fn go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

/// Checks `text` as a one-file package; `Err` with the panic message if the checker panicked.
fn check(name: &str, text: &str) -> Result<usize, String> {
    let file = SourceFile::parse(name, text);
    let config = Config {
        test_funcs: true,
        ..Config::default()
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut world = World::default();
        hir::check_package(
            &mut world,
            "p",
            std::slice::from_ref(&file),
            &mut NoImports,
            &config,
        )
        .errors
        .len()
    }))
    .map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn every_file_of_the_go_test_directory() {
    let Some(root) = goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let mut files = Vec::new();
    go_files(&root.join("test"), &mut files);
    assert!(files.len() > 1000, "GOROOT/test has {} files", files.len());
    let mut panics = Vec::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if let Err(panic) = check(&path.to_string_lossy(), &text) {
            panics.push(format!("{}: {panic}", path.display()));
        }
    }
    assert!(
        panics.is_empty(),
        "{} of {} files panicked:\n{}",
        panics.len(),
        files.len(),
        panics.join("\n")
    );
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn mutated_standard_library_files() {
    let Some(root) = goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let mut files = Vec::new();
    for dir in [
        "strconv",
        "fmt",
        "go/types",
        "net/http",
        "encoding/json",
        "sort",
        "bufio",
    ] {
        go_files(&root.join("src").join(dir), &mut files);
    }
    files.retain(|p| !p.to_string_lossy().contains("testdata"));
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut panics = Vec::new();
    for round in 0..120 {
        let path = &files[rng.below(files.len())];
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut mutated: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(mutated.len());
            match rng.below(3) {
                // Delete a token-ish piece: the first word of the line.
                0 => {
                    let line = mutated[i].clone();
                    let trimmed = line.trim_start();
                    let cut = trimmed
                        .find([' ', '(', ')', '.', ','])
                        .unwrap_or(trimmed.len());
                    mutated[i] =
                        format!("{}{}", &line[..line.len() - trimmed.len()], &trimmed[cut..]);
                }
                // Duplicate a line.
                1 => {
                    let line = mutated[i].clone();
                    mutated.insert(i, line);
                }
                // Delete a line.
                _ => {
                    mutated.remove(i);
                }
            }
        }
        let text = mutated.join("\n");
        if let Err(panic) = check(&path.to_string_lossy(), &text) {
            panics.push(format!("round {round}, {}: {panic}", path.display()));
        }
    }
    assert!(
        panics.is_empty(),
        "{} mutations panicked:\n{}",
        panics.len(),
        panics.join("\n")
    );
}

#[test]
fn deep_and_recursive_declarations() {
    let mut sources = vec![
        "package p\ntype T [len(T{})]int\n".to_string(),
        "package p\ntype A interface{ B }\ntype B interface{ A }\n".to_string(),
        "package p\ntype I interface{ m() I }\ntype J interface{ I; n() J }\n".to_string(),
        "package p\nconst c = c\nvar v = v\nfunc f() { f() }\n".to_string(),
        "package p\ntype T struct{ T }\ntype U *U\ntype V []V\ntype W map[W]W\ntype X func(X) X\ntype Y chan Y\n".to_string(),
    ];
    let n = 10_000;
    sources.push(format!(
        "package p\nvar x = {}1{}\n",
        "(".repeat(n),
        ")".repeat(n)
    ));
    sources.push(format!("package p\nvar x = 0{}\n", " + 1".repeat(100_000)));
    sources.push(format!(
        "package p\nvar s = \"\"{}\n",
        " + \"a\"".repeat(50_000)
    ));
    sources.push(format!("package p\nvar x = {}0\n", "-".repeat(n)));
    sources.push(format!("package p\nvar x {}int\n", "*".repeat(n)));
    sources.push(format!(
        "package p\nfunc f() {{ {} }}\n",
        "{".repeat(n) + &"}".repeat(n)
    ));
    for src in &sources {
        if let Err(panic) = check("deep.go", src) {
            panic!("{}...: {panic}", &src[..src.len().min(80)]);
        }
    }
    // The recursive array length is reported, not survived silently.
    let file = SourceFile::parse("x.go", "package p\ntype T [len(T{})]int\n");
    let mut world = World::default();
    let result = hir::check_package(
        &mut world,
        "p",
        std::slice::from_ref(&file),
        &mut NoImports,
        &Config::default(),
    );
    assert!(!result.errors.is_empty());
}

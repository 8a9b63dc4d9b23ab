//! Staged checking (declarations, then each body on its own, then initialization order and
//! unused imports) gives the errors a whole-package check gives, at the same places and with
//! the same words, on go/types' own test files.

mod common;

use std::path::{Path, PathBuf};

use hir::staged::{self, BODY_PREFIX, BodyCuts};
use hir::{Config, Importer, PackageId, SourceFile, Space, TypeError, World};

/// Imports fail the same way in both modes (the test files' imports are not what is compared).
struct NoPackages;

impl Importer for NoPackages {
    fn import(&mut self, _world: &mut World, path: &str) -> Result<PackageId, String> {
        Err(format!("package {path} is not here"))
    }
}

fn line_col(text: &str, offset: u32) -> (u32, u32) {
    let lc = syntax::LineIndex::new(text).line_col(offset);
    (lc.line, lc.col)
}

fn format(path: &str, text: &str, offset: u32, msg: &str) -> String {
    let (line, col) = line_col(text, offset);
    format!("{path}:{}:{}: {msg}", line + 1, col + 1)
}

/// The whole-package check's errors, as `path:line:col: message`.
fn batch(files: &[SourceFile], config: &Config, importer: &mut dyn Importer) -> Vec<String> {
    let mut world = World::default();
    let result = hir::check_package(&mut world, "p", files, importer, config);
    result
        .errors
        .iter()
        .map(|e| {
            let f = &files[e.file];
            format(&f.path, &f.text, e.range.start, &e.message)
        })
        .collect()
}

/// The staged check's errors, mapped back to the files.
fn staged(files: &[SourceFile], config: &Config, importer: &mut dyn Importer) -> Vec<String> {
    let mut decls = Vec::new();
    let mut cuts: Vec<BodyCuts> = Vec::new();
    for f in files {
        let (text, c) = staged::declarations_text(&f.text, &f.ast);
        decls.push(SourceFile::parse(&f.path, &text));
        cuts.push(c);
    }
    let mut package =
        staged::check_declarations(World::default(), "p", decls, importer, config.clone());
    // Where each error's offset is in its file: (file, offset in the file).
    let place = |e: &TypeError, body_start: Option<u32>| -> u32 {
        match (e.space, body_start) {
            (Space::Body, Some(start)) => start + e.range.start - BODY_PREFIX.len() as u32,
            _ => cuts[e.file].file_offset(e.range.start),
        }
    };
    let resolve = |msg: &str| -> String {
        hir::resolve_markers(msg, |m| {
            let i = files.iter().position(|f| &*f.path == m.path)?;
            let offset = match (m.space, m.key) {
                (Space::Body, Some(key)) => {
                    let k = staged::func_keys(&files[i].ast)
                        .into_iter()
                        .find(|k| k.key == key)?;
                    k.range.start + m.offset - BODY_PREFIX.len() as u32
                }
                _ => cuts[i].file_offset(m.offset),
            };
            Some(line_col(&files[i].text, offset))
        })
    };
    let mut out: Vec<(usize, u32, String)> = Vec::new();
    let mut push = |e: &TypeError, body: Option<(usize, u32)>| {
        let offset = place(e, body.map(|b| b.1));
        let f = &files[e.file];
        let msg = resolve(&e.message);
        out.push((e.file, offset, format(&f.path, &f.text, offset, &msg)));
    };
    for e in package.errors().to_vec() {
        push(&e, None);
    }
    let mut bodies = Vec::new();
    for (i, f) in files.iter().enumerate() {
        for staged::FuncKey { key, range, .. } in staged::func_keys(&f.ast) {
            let source = staged::body_source(
                f.path.clone(),
                &f.text[range.start as usize..range.end as usize],
            );
            let Some(check) = package.check_body(i, &key, &source) else {
                continue;
            };
            for e in &check.errors {
                push(e, Some((i, range.start)));
            }
            bodies.push(check);
        }
    }
    let refs: Vec<_> = bodies.iter().collect();
    for e in package.finish(&refs) {
        push(&e, None);
    }
    // The whole-package check sorts by file and offset; so do we (stable, so that errors at
    // one place keep their order).
    out.sort_by_key(|(file, offset, _)| (*file, *offset));
    out.into_iter().map(|(_, _, s)| s).collect()
}

fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn goroot() -> Option<PathBuf> {
    let out = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .ok()?;
    let root = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(root.trim()))
}

#[test]
fn staged_checking_agrees_with_whole_package_checking_on_go_types_tests() {
    let Some(root) = goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let testdata = root.join("src/internal/types/testdata");
    let config = common::test_config();
    let (mut units, mut with_errors, mut differ) = (0, 0, Vec::new());
    for dir in ["check", "fixedbugs", "spec", "examples"] {
        for path in go_files(&testdata.join(dir)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let file = SourceFile::parse(&path.to_string_lossy(), &text);
            if !file.syntax_errors().is_empty() {
                continue;
            }
            units += 1;
            let files = [file];
            let want = batch(&files, &config, &mut NoPackages);
            let got = staged(&files, &config, &mut NoPackages);
            if !want.is_empty() {
                with_errors += 1;
            }
            if want != got {
                differ.push(format!(
                    "{}:\n  whole package: {want:#?}\n  staged: {got:#?}",
                    path.display()
                ));
            }
        }
    }
    assert!(units > 200, "only {units} units");
    assert!(with_errors > 150, "only {with_errors} units with errors");
    assert!(
        differ.is_empty(),
        "{} of {units} units differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

#[test]
fn imports_used_in_bodies_and_cycles_through_bodies_are_seen() {
    let text = "package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar v = f()\n\nfunc f() int {\n\tx := 1\n\treturn v\n}\n\nfunc g() string {\n\tvar s string = 1\n\treturn strings.ToUpper(s)\n}\n";
    let file = SourceFile::parse("a.go", text);
    let files = std::slice::from_ref(&file);
    let importer = || common::SourceImporter {
        sources: vec![
            ("fmt".into(), "package fmt\n".into()),
            (
                "strings".into(),
                "package strings\nfunc ToUpper(s string) string { return s }\n".into(),
            ),
        ],
    };
    let got = staged(files, &Config::default(), &mut importer());
    assert_eq!(
        got,
        [
            "a.go:4:2: \"fmt\" imported and not used",
            "a.go:8:5: initialization cycle for v",
            "a.go:11:2: declared and not used: x",
            "a.go:16:17: cannot use 1 (untyped int constant) as string value in variable declaration",
        ]
    );
    assert_eq!(got, batch(files, &Config::default(), &mut importer()));
}

#[test]
fn the_declarations_text_does_not_change_with_a_body() {
    let text = "package p\n\nfunc a() {\n\tx := 1\n}\n\nfunc b() int { return 2 }\n";
    let edited = text.replace("x := 1", "x := 1 + 2 + 3\n\t_ = x");
    let (before, cuts) = staged::declarations_text(text, &SourceFile::parse("a.go", text).ast);
    let (after, _) = staged::declarations_text(&edited, &SourceFile::parse("a.go", &edited).ast);
    assert_eq!(before, "package p\n\nfunc a() {}\n\nfunc b() int {}\n");
    assert_eq!(before, after);
    // `b`'s name: offset 29 in the declarations text, 38 in the file (9 bytes were cut from
    // `a`); the end of `b`'s body, 10 bytes further.
    assert_eq!(&before[29..30], "b");
    assert_eq!(cuts.file_offset(29), 38);
    assert_eq!(&text[cuts.file_offset(38) as usize..][..1], "}");
}

/// A body check's facts find names the way the whole-package check's do: the scope at a use
/// inside the body (innermost first) sees the body's locals, then the function's parameters,
/// then the package.
#[test]
fn a_body_checks_scopes_nest_from_the_use_out_to_the_package() {
    let text = "package p\n\nvar g int\n\nfunc f(a int) int {\n\tx := a\n\tif x > 0 {\n\t\ty := x\n\t\treturn y + g\n\t}\n\treturn x\n}\n";
    let file = SourceFile::parse("p.go", text);
    let (decl_text, _) = staged::declarations_text(text, &file.ast);
    let mut package = staged::check_declarations(
        World::default(),
        "p",
        vec![SourceFile::parse("p.go", &decl_text)],
        &mut NoPackages,
        Config::default(),
    );
    let key = staged::func_keys(&file.ast).remove(0);
    let decl = &text[key.range.start as usize..key.range.end as usize];
    let source = staged::body_source("p.go".into(), decl);
    let check = package
        .check_body(0, &key.key, &source)
        .expect("f has a body");
    // `y + g` inside the if block, in the body text's offsets.
    let at = source.text.find("y + g").expect("the use") as u32;
    let scope = check
        .info
        .innermost_scope(0, at)
        .expect("a scope at the use");
    let world = package.world();
    for name in ["y", "x", "a", "g"] {
        assert!(
            world.lookup_parent(scope, name).is_some(),
            "{name} not visible from the use"
        );
    }
    // `y` is the if block's, not the function's.
    let at_return = source.text.rfind("return x").expect("the last return") as u32;
    let outer = check.info.innermost_scope(0, at_return).expect("a scope");
    assert!(world.lookup_parent(outer, "y").is_none());
    assert!(world.lookup_parent(outer, "x").is_some());
}

//! Parser tests: every directive in both forms, comments, and errors with their positions and
//! the go command's wording (checked against `go list` on the same files), with the rest of the
//! file still parsed.

use super::*;

/// The errors as the go command prints them.
#[track_caller]
fn check_errors(errors: &[ModFileError], file: &str, expect: &[&str]) {
    let got: Vec<String> = errors.iter().map(|e| e.display(file)).collect();
    assert_eq!(got, expect);
}

#[test]
fn every_go_mod_directive_single_and_block() {
    let f = parse_go_mod(
        r#"// Deprecated: use example.com/new instead.
module example.com/m // trailing

go 1.22.1
toolchain go1.23.4
godebug default=go1.21
godebug (
	panicnil=1
	asynctimerchan=0
)

require example.com/a v1.2.3
require (
	example.com/b v0.1.0 // indirect
	"example.com/c" v1.0.0 // indirect; needed by b
	example.com/d/v2 v2.0.0+incompatible // not indirect
	example.com/e v2.0.0+incompatible
)
exclude example.com/a v1.2.2
exclude (
	example.com/a v1.2.1
)
replace example.com/a => ../a
replace example.com/b v0.1.0 => example.com/fork/b v0.1.1
replace (
	example.com/c => /abs/c
	example.com/d/v2 v2.0.0 => C:/d
)
retract v1.0.0 // published by mistake
retract (
	// broken builds
	[v0.9.0, v0.9.5]
)
tool example.com/a/cmd/gen
ignore ./node_modules
"#,
    );
    assert_eq!(f.errors, []);
    let module = f.module.as_ref().unwrap();
    assert_eq!(module.path, "example.com/m");
    // As x/mod's regexp reads it, the paragraph runs on into the suffix comment.
    assert_eq!(
        module.deprecated.as_deref(),
        Some("use example.com/new instead.\ntrailing")
    );
    assert_eq!(
        module.span.start,
        Position {
            line: 2,
            column: 1,
            offset: 44
        }
    );
    assert_eq!(f.go_version(), Some("1.22.1"));
    assert_eq!(f.toolchain.as_ref().unwrap().name, "go1.23.4");
    let godebug: Vec<_> = f
        .godebug
        .iter()
        .map(|g| (g.key.as_str(), g.value.as_str()))
        .collect();
    assert_eq!(
        godebug,
        [
            ("default", "go1.21"),
            ("panicnil", "1"),
            ("asynctimerchan", "0")
        ]
    );
    let reqs: Vec<_> = f
        .require
        .iter()
        .map(|r| (r.path.as_str(), r.version.as_str(), r.indirect))
        .collect();
    assert_eq!(
        reqs,
        [
            ("example.com/a", "v1.2.3", false),
            ("example.com/b", "v0.1.0", true),
            ("example.com/c", "v1.0.0", true),
            ("example.com/d/v2", "v2.0.0+incompatible", false),
            ("example.com/e", "v2.0.0+incompatible", false),
        ]
    );
    assert_eq!(
        f.require[1].span.start,
        Position {
            line: 14,
            column: 2,
            offset: 213
        }
    );
    let excl: Vec<_> = f.exclude.iter().map(|e| e.version.as_str()).collect();
    assert_eq!(excl, ["v1.2.2", "v1.2.1"]);
    assert_eq!(f.replace.len(), 4);
    assert_eq!(f.replace[0].old_version, None);
    assert_eq!(f.replace[0].new, ReplaceTarget::Dir("../a".into()));
    assert_eq!(f.replace[1].old_version.as_deref(), Some("v0.1.0"));
    assert_eq!(
        f.replace[1].new,
        ReplaceTarget::Module {
            path: "example.com/fork/b".into(),
            version: "v0.1.1".into()
        }
    );
    assert_eq!(f.replace[2].new, ReplaceTarget::Dir("/abs/c".into()));
    assert_eq!(f.replace[3].new, ReplaceTarget::Dir("C:/d".into()));
    let retract: Vec<_> = f
        .retract
        .iter()
        .map(|r| (r.low.as_str(), r.high.as_str(), r.rationale.as_str()))
        .collect();
    assert_eq!(
        retract,
        [
            ("v1.0.0", "v1.0.0", "published by mistake"),
            ("v0.9.0", "v0.9.5", "broken builds")
        ]
    );
    assert_eq!(f.tool[0].path, "example.com/a/cmd/gen");
    assert_eq!(f.ignore[0].path, "./node_modules");
    // A Windows path is only a directory replacement on Windows, as in x/mod.
    let f = parse_go_mod("replace example.com/a => C:\\a\n");
    if cfg!(windows) {
        assert_eq!(f.errors, []);
    } else {
        check_errors(
            &f.errors,
            "go.mod",
            &[
                "go.mod:1: replacement directory appears to be Windows path (on a non-windows system)",
            ],
        );
    }
}

#[test]
fn versions_are_canonicalized_like_x_mod_without_a_fixer() {
    let f =
        parse_go_mod("module m\nrequire example.com/a v1.2\nrequire example.com/b v1.2.3+meta\n");
    assert_eq!(f.errors, []);
    assert_eq!(f.require[0].version, "v1.2.0");
    assert_eq!(f.require[1].version, "v1.2.3");
}

#[test]
fn empty_blocks_and_comment_only_files() {
    let f = parse_go_mod("// just a comment\n\nrequire ()\nreplace (\n)\n");
    assert_eq!(f.errors, []);
    assert!(f.module.is_none() && f.require.is_empty() && f.replace.is_empty());
    assert_eq!(parse_go_mod(""), GoMod::default());
    // No trailing newline, CRLF line endings.
    let f = parse_go_mod("module example.com/m\r\ngo 1.21\r\nrequire example.com/a v1.0.0");
    assert_eq!(f.errors, []);
    assert_eq!(
        (f.module_path(), f.go_version()),
        (Some("example.com/m"), Some("1.21"))
    );
    assert_eq!(f.require.len(), 1);
}

#[test]
fn directive_errors_keep_the_rest_of_the_file() {
    // The same file as the go command reports it (`go list` in a module with this go.mod),
    // except lines 7 and 8, where the go command asks the network to resolve the version.
    let f = parse_go_mod(
        "module example.com/x\n\ngo 1.22\nfoo bar\nrequire (\n\texample.com/a\n\texample.com/b v1\n\texample.com/c vx\n\t`example.com/d` v1.0.0\n)\nreplace example.com/e => example.com/f\nretract [v1.0.0, v1.1.0] extra\nrequire example.com/g/v2 v1.0.0\ngo 1.2.3.4\nrequire example.com/ok v1.0.0\n",
    );
    check_errors(
        &f.errors,
        "go.mod",
        &[
            "go.mod:4: unknown directive: foo",
            "go.mod:6:2: usage: require module/path v1.2.3",
            "go.mod:8:2: require example.com/c: version \"vx\" invalid: must be of the form v1.2.3",
            "go.mod:9:2: invalid quoted string: unquoted string cannot contain quote",
            "go.mod:11: replacement module without version must be directory path (rooted or starting with . or ..)",
            "go.mod:12: unexpected token after version: \"extra\"",
            "go.mod:13: require example.com/g/v2: version \"v1.0.0\" invalid: should be v2, not v1",
            "go.mod:14: repeated go statement",
        ],
    );
    assert_eq!(f.module_path(), Some("example.com/x"));
    assert_eq!(f.go_version(), Some("1.22"));
    let reqs: Vec<_> = f
        .require
        .iter()
        .map(|r| (r.path.as_str(), r.version.as_str()))
        .collect();
    assert_eq!(
        reqs,
        [("example.com/b", "v1.0.0"), ("example.com/ok", "v1.0.0")]
    );
}

#[test]
fn more_directive_errors() {
    let f = parse_go_mod(
        "module a b\nmodule example.com/m\nmodule example.com/again\ngo\ngo 1.21\ntoolchain 1.21\ngodebug x\ngodebug \"x=1\"\nrequire example.com/v1 v1.0.0\nreplace example.com/a v1.0.0 => ./dir v1.0.0\nreplace example.com/a => example.com/b@v1.0.0\nreplace example.com/a\nretract\nretract [v1.0.0\nretract [v1.0.0,\nretract [v1.0.0, v1.1.0\nexclude example.com/a \"v1\nexclude example.com/a v1.0.0\ntool\nignore a b\nrequire (\n)\ngo (\n)\nrequire x (\n)\n",
    );
    check_errors(
        &f.errors,
        "go.mod",
        &[
            "go.mod:1: usage: module module/path",
            "go.mod:3: repeated module statement",
            "go.mod:4: go directive expects exactly one argument",
            "go.mod:6: invalid toolchain version '1.21': must match format go1.23.0 or default",
            "go.mod:7: usage: godebug key=value",
            "go.mod:8: usage: godebug key=value",
            "go.mod:9: invalid module path",
            "go.mod:10: replacement module directory path \"./dir\" cannot have version",
            "go.mod:11: replacement module must match format 'path version', not 'path@version'",
            "go.mod:12: usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory",
            "go.mod:13: expected '[' or version",
            "go.mod:14: expected ',' after version",
            "go.mod:15: expected version after ','",
            "go.mod:16: expected ']' after version",
            "go.mod:17:26: unexpected newline in string",
            "go.mod:19: tool directive expects exactly one argument",
            "go.mod:20: ignore directive expects exactly one argument",
            "go.mod:23: unknown block type: go",
            "go.mod:25: unknown block type: require x",
        ],
    );
    assert_eq!(f.module_path(), Some("example.com/m"));
    assert_eq!(f.go_version(), Some("1.21"));
    assert_eq!(f.exclude.len(), 1);
}

#[test]
fn lexical_errors_are_positioned_and_skipped() {
    // Each checked against the go command's output for the same go.mod.
    let f = parse_go_mod("module example.com/x\n/* c */\ngo 1.21\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:2: mod files must use // comments (not /* */ comments)"],
    );
    assert_eq!(f.go_version(), Some("1.21"));

    let f = parse_go_mod("module example.com/x\nrequire \"ex.com/a v1.0.0\ngo 1.21\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:2:25: unexpected newline in string"],
    );
    assert_eq!(f.go_version(), Some("1.21"));
    assert!(f.require.is_empty());

    let f = parse_go_mod("module example.com/x\nrequire \x01\ngo 1.21\n");
    check_errors(
        &f.errors,
        "go.mod",
        &[
            "go.mod:2: usage: require module/path v1.2.3",
            "go.mod:2:9: unexpected input character '\\x01'",
        ],
    );
    assert_eq!(f.go_version(), Some("1.21"));

    let f = parse_go_mod("\u{feff}module example.com/x\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:1: unexpected input character '\\ufeff'"],
    );
    assert_eq!(f.module_path(), Some("example.com/x"));

    let f = parse_go_mod("module example.com/x\ngo \"1.21");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:2:4: unexpected EOF in string"],
    );

    let f = parse_go_mod("module example.com/x/*c*/\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:1:21: mod files must use // comments (not /* */ comments)"],
    );
    assert_eq!(f.module_path(), Some("example.com/x"));
}

#[test]
fn block_syntax_errors() {
    let f = parse_go_mod("module example.com/x\nrequire (\n\tex.com/a v1.0.0\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:4: syntax error (unterminated block started at go.mod:2:1)"],
    );
    assert_eq!(
        f.require.len(),
        1,
        "lines of an unterminated block are kept"
    );

    let f = parse_go_mod("module example.com/x\nrequire (\n) x\ngo 1.21\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:3:4: syntax error (expected newline after closing paren)"],
    );
    assert_eq!(f.go_version(), Some("1.21"));
}

#[test]
fn quoted_strings() {
    let f = parse_go_mod(
        "module \"example.com/m\"\nrequire \"example.com/a\" \"v1.0.0\"\nreplace \"example.com/a\" => \"./a b\"\n",
    );
    assert_eq!(f.errors, []);
    assert_eq!(f.module_path(), Some("example.com/m"));
    assert_eq!(f.require[0].version, "v1.0.0");
    assert_eq!(f.replace[0].new, ReplaceTarget::Dir("./a b".into()));
    let f = parse_go_mod("module \"a\\qb\"\n");
    check_errors(
        &f.errors,
        "go.mod",
        &["go.mod:1: invalid quoted string: invalid syntax"],
    );
}

#[test]
fn comments_attach_as_x_mod_attaches_them() {
    let f = parse_go_mod(
        "// Deprecated: detached by the blank line.\n\nmodule example.com/m\nretract (\n\t// rationale for the block\n\tv1.0.0\n)\n",
    );
    assert_eq!(f.module.as_ref().unwrap().deprecated, None);
    assert_eq!(f.retract[0].rationale, "rationale for the block");
    let f = parse_go_mod("module example.com/m // Deprecated: in the suffix\n");
    assert_eq!(
        f.module.unwrap().deprecated.as_deref(),
        Some("in the suffix")
    );
    let f = parse_go_mod(
        "module example.com/m\nrequire example.com/a v1.0.0 //indirect\nrequire example.com/b v1.0.0 // indirectly\n",
    );
    assert_eq!(
        f.require.iter().map(|r| r.indirect).collect::<Vec<_>>(),
        [true, false]
    );
}

#[test]
fn go_work_directives_and_errors() {
    let w = parse_go_work(
        "go 1.23\ntoolchain go1.23.1\ngodebug http2client=0\nuse ./a\nuse (\n\t./b // second\n\t\"../c d\"\n\t/abs/e\n)\nreplace example.com/x v1.0.0 => ./x\nreplace (\n\texample.com/y => example.com/z v1.1.0\n)\n",
    );
    assert_eq!(w.errors, []);
    assert_eq!(w.go_version(), Some("1.23"));
    assert_eq!(w.toolchain.as_ref().unwrap().name, "go1.23.1");
    assert_eq!(w.godebug[0].key, "http2client");
    let uses: Vec<_> = w.uses.iter().map(|u| u.path.as_str()).collect();
    assert_eq!(uses, ["./a", "./b", "../c d", "/abs/e"]);
    assert_eq!(
        w.uses[1].span.start,
        Position {
            line: 6,
            column: 2,
            offset: 64
        }
    );
    assert_eq!(w.replace.len(), 2);

    let w = parse_go_work("go 1.23\nmodule example.com/m\nuse\nuse a b\nrequire (\n)\nuse ./ok\n");
    check_errors(
        &w.errors,
        "go.work",
        &[
            "go.work:2: unknown directive: module",
            "go.work:3: usage: use local/dir",
            "go.work:4: usage: use local/dir",
            "go.work:5: unknown block type: require",
        ],
    );
    assert_eq!(w.uses.len(), 1);
    let w = parse_go_work("use (\n\t./a\n");
    check_errors(
        &w.errors,
        "go.work",
        &["go.work:3: syntax error (unterminated block started at go.work:1:1)"],
    );
    assert_eq!(w.uses.len(), 1);
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "(((((",
        ")))))",
        "require (\n(\n(\n",
        "\"",
        "`",
        "//",
        "/*",
        "\\",
        "=>",
        "replace =>",
        "retract [",
        "retract [,]",
        "require ( ) ( )",
        "module \u{0}\u{1}\u{2}",
        "go 1.\u{e9}",
        "\u{2028}\u{85}\u{a0}",
        "require (\n\t\"\\",
        ",,,,",
        "{ } [ ]",
        "module `x`",
    ];
    for input in inputs {
        let _ = parse_go_mod(input);
        let _ = parse_go_work(input);
    }
    let big = "require (\n".repeat(10_000);
    assert!(!parse_go_mod(&big).errors.is_empty());
    let lossy = String::from_utf8_lossy(b"module \xff\xfe\n");
    let _ = parse_go_mod(&lossy);
}

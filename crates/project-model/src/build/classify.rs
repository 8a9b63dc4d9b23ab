//! The decision for one file of a package directory: which of go list's file lists it goes to
//! (GoFiles, CgoFiles, IgnoredGoFiles, TestGoFiles, XTestGoFiles, InvalidGoFiles); and, for a
//! file the current configuration leaves out, a configuration that includes it.
//!
//! The go command does not use go/build itself to load packages: in module mode (and for
//! GOROOT) go list reads directories through its module index (`cmd/go/internal/modindex`), a
//! copy of go/build that reads and parses every file before applying a configuration, which
//! changes the outcome for broken files (see [`FileKind::Invalid`],
//! [`FileClass::fails_package`] and [`FileClass::is_invalid`]). We follow the index: it is
//! what go list does for files older than two seconds, that is, always but while a file is
//! being saved (for a directory with a file modified in the last two seconds, the go command
//! falls back to go/build). With GOPATH mode or `GODEBUG=goindex=0`, go/build decides.

use super::context::BuildContext;
use super::file_name::{file_name_constraint, is_hidden, is_test_file};
use super::header::{FileHeader, HeaderErrorKind};
use super::syslist::{self, PORTS};

/// Where go list puts a file, and the error it reports for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileClass {
    pub kind: FileKind,
    /// The error go list reports for the file (its wording, with the file name): why it is in
    /// InvalidGoFiles, or, when [`FileClass::fails_package`], the package's error.
    pub error: Option<String>,
    /// Listed in InvalidGoFiles (besides the list of `kind`, if any). With the module index,
    /// a header syntax error does this even for a file excluded by its name or constraints
    /// (go/build would not have read or parsed it).
    invalid: bool,
    /// A malformed `//go:build` line: see [`FileClass::fails_package`].
    fails_package: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// GoFiles: part of the package.
    Go,
    /// CgoFiles: part of the package, imports "C", cgo is enabled.
    Cgo,
    /// TestGoFiles: a `_test.go` file of the package itself.
    Test,
    /// XTestGoFiles: a `_test.go` file of the external test package (`package p_test`).
    XTest,
    /// Left out of the build: IgnoredGoFiles (or not listed at all, see [`IgnoreReason`]).
    Ignored(IgnoreReason),
    /// In no list but (see [`FileClass::is_invalid`]) InvalidGoFiles: go list cannot read it
    /// (a NUL byte in its header), it has two `//go:build` lines, or its `//go:build` line
    /// does not parse ([`FileClass::fails_package`]). The go command reports the first two
    /// whatever the file name says (its index is built before any configuration is known);
    /// go/build would ignore a file whose name excludes it without reading it.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IgnoreReason {
    /// The name starts with `_` or `.`: the go command skips it silently (not even in
    /// IgnoredGoFiles).
    Hidden,
    /// Not a `.go` file (not in IgnoredGoFiles either).
    NotGo,
    /// A `_GOOS` / `_GOARCH` suffix of the name excludes it.
    FileName,
    /// Its build constraints exclude it.
    BuildConstraints,
    /// Its build constraints exclude it only because they require the `ignore` tag, the
    /// convention for files that are never built (generators, examples).
    IgnoreTag,
    /// It imports "C" and cgo is disabled.
    CgoDisabled,
    /// Its package is named `documentation`, the old convention for doc-only files.
    Documentation,
}

impl FileClass {
    fn new(kind: FileKind) -> FileClass {
        FileClass {
            kind,
            error: None,
            invalid: false,
            fails_package: false,
        }
    }

    fn invalid(kind: FileKind, error: String) -> FileClass {
        FileClass {
            kind,
            error: Some(error),
            invalid: true,
            fails_package: false,
        }
    }

    /// The go list field the file is listed in (InvalidGoFiles aside, see
    /// [`FileClass::is_invalid`]): `None` for files go list does not list at all and for
    /// [`FileKind::Invalid`].
    pub fn go_list_field(&self) -> Option<&'static str> {
        Some(match self.kind {
            FileKind::Go => "GoFiles",
            FileKind::Cgo => "CgoFiles",
            FileKind::Test => "TestGoFiles",
            FileKind::XTest => "XTestGoFiles",
            FileKind::Ignored(IgnoreReason::Hidden | IgnoreReason::NotGo) => return None,
            FileKind::Ignored(_) => "IgnoredGoFiles",
            FileKind::Invalid => return None,
        })
    }

    /// Whether the file is part of the package or of its tests in this configuration.
    pub fn is_included(&self) -> bool {
        matches!(
            self.kind,
            FileKind::Go | FileKind::Cgo | FileKind::Test | FileKind::XTest
        )
    }

    /// Whether go list lists the file in InvalidGoFiles.
    pub fn is_invalid(&self) -> bool {
        self.invalid
    }

    /// The file's `//go:build` line does not parse. go list then fails the whole package with
    /// [`FileClass::error`] and lists neither this file (but in InvalidGoFiles if its header
    /// also has a syntax error) nor the ones after it in name order: a loader matching go list
    /// stops reading the directory there. (go/build instead lists the file in InvalidGoFiles,
    /// goes on, and fails the package with its first bad file's error.)
    pub fn fails_package(&self) -> bool {
        self.fails_package
    }
}

/// Classifies the Go file `file_name` (a base name; a directory part is ignored) with header
/// `header` in configuration `ctx`, as the go command does.
///
/// The go command decides "external test" by comparing the package clause with the package's
/// name found so far (`p.Name`); this assumes that name does not itself end in `_test`, which
/// is the case unless a non-test file of the directory is in package `x_test` (an error of its
/// own).
pub fn classify(ctx: &BuildContext, file_name: &str, header: &FileHeader) -> FileClass {
    let name = base_name(file_name);
    if is_hidden(name) {
        return FileClass::new(FileKind::Ignored(IgnoreReason::Hidden));
    }
    if !name.ends_with(".go") {
        return FileClass::new(FileKind::Ignored(IgnoreReason::NotGo));
    }
    // The index reads and parses every file before any configuration applies, so these
    // errors are reported even for a file whose name excludes it (go/build never reads such a
    // file).
    if let Some(e) = header.error(HeaderErrorKind::Nul) {
        return FileClass::invalid(FileKind::Invalid, format!("read {name}: {}", e.message));
    }
    if let Some(e) = header.error(HeaderErrorKind::MultipleGoBuild) {
        return FileClass::invalid(FileKind::Invalid, format!("{name}: {}", e.message));
    }
    // A syntax error puts the file in InvalidGoFiles, and it is still classified.
    let syntax_error = header
        .errors
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                HeaderErrorKind::Syntax | HeaderErrorKind::InvalidImportPath
            )
        })
        .map(|e| format!("{name}: {}", e.message));
    let with_syntax_error = |kind| match &syntax_error {
        Some(error) => FileClass::invalid(kind, error.clone()),
        None => FileClass::new(kind),
    };
    if !file_name_constraint(name).matches(ctx) {
        return with_syntax_error(FileKind::Ignored(IgnoreReason::FileName));
    }
    if let Some(e) = header.error(HeaderErrorKind::MalformedGoBuild) {
        let error = Some(format!("{name}: {}", e.message));
        let invalid = syntax_error.is_some();
        return FileClass {
            kind: FileKind::Invalid,
            error,
            invalid,
            fails_package: true,
        };
    }
    if !header.should_build(ctx) {
        let with_ignore = header.eval_constraints(&mut |t| t == "ignore" || ctx.matches_tag(t));
        let reason = if with_ignore {
            IgnoreReason::IgnoreTag
        } else {
            IgnoreReason::BuildConstraints
        };
        return with_syntax_error(FileKind::Ignored(reason));
    }
    let package = header.package_name();
    if package == "documentation" {
        return with_syntax_error(FileKind::Ignored(IgnoreReason::Documentation));
    }
    let is_test = is_test_file(name);
    let is_xtest = is_test && package.ends_with("_test");
    if header.imports_c() {
        if is_test {
            // The go command refuses cgo in tests but still lists the file as a test file.
            let kind = if is_xtest {
                FileKind::XTest
            } else {
                FileKind::Test
            };
            let error = format!("use of cgo in test {name} not supported");
            return FileClass::invalid(kind, error);
        }
        let kind = if ctx.cgo_enabled {
            FileKind::Cgo
        } else {
            FileKind::Ignored(IgnoreReason::CgoDisabled)
        };
        return FileClass::new(kind);
    }
    with_syntax_error(if is_xtest {
        FileKind::XTest
    } else if is_test {
        FileKind::Test
    } else {
        FileKind::Go
    })
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', std::path::MAIN_SEPARATOR])
        .next()
        .unwrap_or(path)
}

/// Whether some configuration (a Go port, with or without cgo; the release and custom tags of
/// `ctx`) includes the file.
pub fn matches_any_context(ctx: &BuildContext, file_name: &str, header: &FileHeader) -> bool {
    ctx.context_including(file_name, header).is_some()
}

impl BuildContext {
    /// A configuration that includes the file, as close to `self` as possible: `self` itself if
    /// it includes the file; else `self` with cgo toggled; else another port of the same GOOS,
    /// then of the same GOARCH, then any first-class port, then any port, each with cgo on
    /// (where the port supports it) before cgo off. `None` when no port does: the `ignore` tag,
    /// a release tag of a newer Go, an unset custom tag, a malformed header.
    ///
    /// This is how a `foo_windows.go` opened on Linux still gets analysed: under the
    /// configuration returned here. Custom tags and the Go version are kept.
    pub fn context_including(&self, file_name: &str, header: &FileHeader) -> Option<BuildContext> {
        let includes = |ctx: &BuildContext| classify(ctx, file_name, header).is_included();
        if includes(self) {
            return Some(self.clone());
        }
        let cgo_possible =
            syslist::find_port(&self.goos, &self.goarch).is_none_or(|p| p.cgo_supported);
        if self.cgo_enabled || cgo_possible {
            let toggled = self.with_port(&self.goos, &self.goarch, !self.cgo_enabled);
            if includes(&toggled) {
                return Some(toggled);
            }
        }
        let tiers: [&dyn Fn(&syslist::Port) -> bool; 4] = [
            &|p| p.goos == self.goos,
            &|p| p.goarch == self.goarch,
            &|p| p.first_class,
            &|_| true,
        ];
        for tier in tiers {
            for port in PORTS.iter().filter(|p| tier(p)) {
                for cgo in [port.cgo_supported, false] {
                    let candidate = self.with_port(port.goos, port.goarch, cgo);
                    if includes(&candidate) {
                        return Some(candidate);
                    }
                    if !port.cgo_supported {
                        break;
                    }
                }
            }
        }
        None
    }

    /// Like [`BuildContext::context_including`], and when no port includes the file, with
    /// custom tags its build constraints name set as well: the `ignore` convention
    /// (`//go:build ignore` for generators and examples), `integration`, and the like. Sets of
    /// up to three such tags are tried, smallest first, each with every port. `None` when even
    /// that fails (a release tag of a newer Go, a malformed `//go:build` line).
    pub fn context_including_tags(
        &self,
        file_name: &str,
        header: &FileHeader,
    ) -> Option<BuildContext> {
        if let Some(ctx) = self.context_including(file_name, header) {
            return Some(ctx);
        }
        let lines = header.go_build.iter().chain(
            header
                .go_build
                .is_none()
                .then_some(&header.plus_build)
                .into_iter()
                .flatten(),
        );
        let mut tags: Vec<String> = Vec::new();
        for line in lines {
            let Ok(constraint) = &line.constraint else {
                continue;
            };
            for tag in constraint.tags() {
                let known = syslist::is_known_os(tag)
                    || syslist::is_known_arch(tag)
                    || matches!(tag, "cgo" | "gc" | "gccgo" | "unix")
                    || tag.starts_with("go1.")
                    || self.tags.iter().any(|t| t == tag);
                if !known && !tags.iter().any(|t| t == tag) {
                    tags.push(tag.to_string());
                }
            }
        }
        tags.truncate(8);
        let n = tags.len();
        for size in 1..=n.min(3) {
            let mut chosen: Vec<usize> = (0..size).collect();
            loop {
                let mut ctx = self.clone();
                ctx.tags.extend(chosen.iter().map(|&i| tags[i].clone()));
                if let Some(found) = ctx.context_including(file_name, header) {
                    return Some(found);
                }
                // The next combination of `size` indices out of `n`, in lexicographic order.
                let Some(i) = (0..size).rev().find(|&i| chosen[i] < n - size + i) else {
                    break;
                };
                chosen[i] += 1;
                for j in i + 1..size {
                    chosen[j] = chosen[j - 1] + 1;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::read_header;

    fn linux() -> BuildContext {
        BuildContext::new("linux", "amd64", true, 26, vec![])
    }

    fn kind(ctx: &BuildContext, name: &str, src: &str) -> FileKind {
        classify(ctx, name, &read_header(src.as_bytes())).kind
    }

    const PLAIN: &str = "package p\n";

    #[test]
    fn go_test_and_external_test_files() {
        let ctx = linux();
        assert_eq!(kind(&ctx, "a.go", PLAIN), FileKind::Go);
        assert_eq!(kind(&ctx, "a_test.go", PLAIN), FileKind::Test);
        assert_eq!(kind(&ctx, "a_test.go", "package p_test\n"), FileKind::XTest);
        // `_test` in a non-test file's package clause does not make it a test.
        assert_eq!(kind(&ctx, "a.go", "package p_test\n"), FileKind::Go);
        // `foo_test.go` alone is an ordinary test file, not constrained by its name.
        assert_eq!(kind(&ctx, "foo_test.go", PLAIN), FileKind::Test);
        assert_eq!(kind(&ctx, "dir/sub/a_test.go", PLAIN), FileKind::Test);
    }

    #[test]
    fn file_names() {
        let ctx = linux();
        let ignored = FileKind::Ignored(IgnoreReason::FileName);
        assert_eq!(kind(&ctx, "foo_linux_test.go", PLAIN), FileKind::Test);
        assert_eq!(kind(&ctx, "foo_windows_test.go", PLAIN), ignored);
        assert_eq!(kind(&ctx, "linux.go", PLAIN), FileKind::Go);
        assert_eq!(
            kind(&ctx, "windows.go", PLAIN),
            FileKind::Go,
            "no prefix, no constraint"
        );
        assert_eq!(kind(&ctx, "foo_windows.go", PLAIN), ignored);
        assert_eq!(kind(&ctx, "foo_linux_arm64.go", PLAIN), ignored);
        assert_eq!(kind(&ctx, "foo_amd64.go", PLAIN), FileKind::Go);
        let android = BuildContext::new("android", "arm64", true, 26, vec![]);
        assert_eq!(kind(&android, "foo_linux.go", PLAIN), FileKind::Go);
        let illumos = BuildContext::new("illumos", "amd64", true, 26, vec![]);
        assert_eq!(kind(&illumos, "foo_solaris.go", PLAIN), FileKind::Go);
        let ios = BuildContext::new("ios", "arm64", true, 26, vec![]);
        assert_eq!(kind(&ios, "foo_darwin_arm64.go", PLAIN), FileKind::Go);
        assert_eq!(kind(&linux(), "foo_android.go", PLAIN), ignored);
        // The go command's index reads a file even when its name excludes it: a syntax error
        // puts it in InvalidGoFiles too, an unreadable file is only there (go/build would not
        // read either).
        let broken = classify(
            &ctx,
            "foo_windows.go",
            &read_header(b"package p\nimport (\n"),
        );
        assert_eq!((broken.kind, broken.is_invalid()), (ignored, true));
        let nul = classify(
            &ctx,
            "foo_windows.go",
            &read_header(b"package p\nimport \"\x00"),
        );
        assert_eq!((nul.kind, nul.is_invalid()), (FileKind::Invalid, true));
    }

    #[test]
    fn hidden_and_non_go_files() {
        let ctx = linux();
        let hidden = classify(&ctx, "_foo.go", &read_header(PLAIN.as_bytes()));
        assert_eq!(hidden.kind, FileKind::Ignored(IgnoreReason::Hidden));
        assert_eq!(hidden.go_list_field(), None, "not even in IgnoredGoFiles");
        assert_eq!(
            kind(&ctx, ".foo.go", PLAIN),
            FileKind::Ignored(IgnoreReason::Hidden)
        );
        assert_eq!(
            kind(&ctx, "foo.s", PLAIN),
            FileKind::Ignored(IgnoreReason::NotGo)
        );
    }

    #[test]
    fn build_constraints_and_tags() {
        let ctx = linux();
        let excluded = FileKind::Ignored(IgnoreReason::BuildConstraints);
        let src = |expr: &str| format!("//go:build {expr}\n\npackage p\n");
        assert_eq!(
            kind(&ctx, "a.go", &src("linux && (amd64 || arm64)")),
            FileKind::Go
        );
        assert_eq!(
            kind(&ctx, "a.go", &src("linux && (386 || arm64)")),
            excluded
        );
        assert_eq!(kind(&ctx, "a.go", &src("!cgo")), excluded);
        let no_cgo = BuildContext::new("linux", "amd64", false, 26, vec![]);
        assert_eq!(kind(&no_cgo, "a.go", &src("!cgo")), FileKind::Go);
        assert_eq!(kind(&ctx, "a.go", &src("unix")), FileKind::Go);
        let windows = BuildContext::new("windows", "amd64", false, 26, vec![]);
        assert_eq!(kind(&windows, "a.go", &src("unix")), excluded);
        assert_eq!(kind(&ctx, "a.go", &src("go1.26")), FileKind::Go);
        assert_eq!(kind(&ctx, "a.go", &src("go1.27")), excluded);
        assert_eq!(kind(&ctx, "a.go", &src("!go1.21")), excluded);
        assert_eq!(kind(&ctx, "a.go", &src("gc && !gccgo")), FileKind::Go);
        assert_eq!(
            kind(&ctx, "a.go", &src("ignore")),
            FileKind::Ignored(IgnoreReason::IgnoreTag)
        );
        assert_eq!(
            kind(&ctx, "a.go", "// +build ignore\n\npackage main\n"),
            FileKind::Ignored(IgnoreReason::IgnoreTag)
        );
        assert_eq!(kind(&ctx, "a.go", &src("mytag")), excluded);
        let tagged = BuildContext::new("linux", "amd64", true, 26, vec!["mytag".into()]);
        assert_eq!(kind(&tagged, "a.go", &src("mytag")), FileKind::Go);
        // Constraints apply to test files too.
        assert_eq!(kind(&ctx, "a_test.go", &src("windows")), excluded);
    }

    #[test]
    fn cgo_files() {
        let src = "package p\n\n// #include <stdlib.h>\nimport \"C\"\n";
        let on = linux();
        let off = BuildContext::new("linux", "amd64", false, 26, vec![]);
        assert_eq!(kind(&on, "a.go", src), FileKind::Cgo);
        assert_eq!(
            kind(&off, "a.go", src),
            FileKind::Ignored(IgnoreReason::CgoDisabled)
        );
        // A test file importing "C" stays a test file, and is invalid (cgo in tests is not
        // supported), with cgo on or off.
        for ctx in [&on, &off] {
            let class = classify(ctx, "a_test.go", &read_header(src.as_bytes()));
            assert_eq!(class.kind, FileKind::Test);
            assert_eq!(
                class.error.as_deref(),
                Some("use of cgo in test a_test.go not supported")
            );
        }
        // An import block with a syntax error hides "C" from go/build: a plain Go file.
        let broken = "package p\n\nimport \"C\"\nimport (\n";
        let class = classify(&on, "a.go", &read_header(broken.as_bytes()));
        assert_eq!(class.kind, FileKind::Go);
        assert!(class.is_invalid());
    }

    #[test]
    fn invalid_files() {
        let ctx = linux();
        let class = |name: &str, src: &[u8]| classify(&ctx, name, &read_header(src));
        // Unreadable for the go command: only in InvalidGoFiles.
        let nul = class("a.go", b"package p\n\nimport \"\x00\"\n");
        assert_eq!(nul.kind, FileKind::Invalid);
        assert_eq!(nul.go_list_field(), None);
        assert_eq!(
            nul.error.as_deref(),
            Some("read a.go: unexpected NUL in input")
        );
        let two = class("a.go", b"//go:build linux\n//go:build linux\n\npackage p\n");
        assert_eq!(two.kind, FileKind::Invalid);
        assert_eq!(
            two.error.as_deref(),
            Some("a.go: multiple //go:build comments")
        );
        // Syntax errors: listed as usual and in InvalidGoFiles.
        let truncated = class("a.go", b"package");
        assert_eq!(
            (truncated.kind, truncated.is_invalid()),
            (FileKind::Go, true)
        );
        let not_utf8 = class("a_test.go", b"package p_test\n\nimport \"a\" // \xff\n");
        assert_eq!(
            (not_utf8.kind, not_utf8.is_invalid()),
            (FileKind::XTest, true)
        );
        let unterminated = class("a.go", b"package p\n\nimport \"fmt\n");
        assert_eq!(unterminated.kind, FileKind::Go);
        assert_eq!(
            unterminated.error.as_deref(),
            Some("a.go: string literal not terminated")
        );
        // A broken package clause: go/build sees package "", so never an external test.
        let no_clause = class("a_test.go", b"// \xff\npackage p_test\n");
        assert_eq!(no_clause.kind, FileKind::Test);
        // Excluded by its build constraints, and still in InvalidGoFiles for its syntax error.
        let excluded = class("a.go", b"//go:build ignore\n\npackage p\nimport (");
        assert_eq!(excluded.kind, FileKind::Ignored(IgnoreReason::IgnoreTag));
        assert!(excluded.is_invalid());
    }

    #[test]
    fn documentation_packages() {
        let class = classify(&linux(), "doc.go", &read_header(b"package documentation\n"));
        assert_eq!(class.kind, FileKind::Ignored(IgnoreReason::Documentation));
        assert_eq!(class.go_list_field(), Some("IgnoredGoFiles"));
    }

    #[test]
    fn a_configuration_that_includes_the_file() {
        let ctx = linux();
        let including = |name: &str, src: &str| {
            ctx.context_including(name, &read_header(src.as_bytes()))
                .map(|c| format!("{}/{} cgo={}", c.goos, c.goarch, c.cgo_enabled))
        };
        assert_eq!(
            including("a.go", PLAIN).as_deref(),
            Some("linux/amd64 cgo=true")
        );
        assert_eq!(
            including("a_windows.go", PLAIN).as_deref(),
            Some("windows/amd64 cgo=true")
        );
        assert_eq!(
            including("a_arm64.go", PLAIN).as_deref(),
            Some("linux/arm64 cgo=true")
        );
        assert_eq!(
            including("a_darwin_arm64.go", PLAIN).as_deref(),
            Some("darwin/arm64 cgo=true")
        );
        assert_eq!(
            including("a_plan9.go", PLAIN).as_deref(),
            Some("plan9/amd64 cgo=false")
        );
        assert_eq!(
            including("a.go", "//go:build js && wasm\n\npackage p\n").as_deref(),
            Some("js/wasm cgo=false")
        );
        assert_eq!(
            including("a.go", "//go:build !cgo\n\npackage p\n").as_deref(),
            Some("linux/amd64 cgo=false")
        );
        assert_eq!(
            including("a.go", "//go:build ios\n\npackage p\n").as_deref(),
            Some("ios/amd64 cgo=true")
        );
        let off = BuildContext::new("linux", "amd64", false, 26, vec![]);
        let cgo = read_header(b"package p\nimport \"C\"\n");
        assert_eq!(
            off.context_including("a.go", &cgo).map(|c| c.cgo_enabled),
            Some(true)
        );
        assert!(matches_any_context(&off, "a.go", &cgo));
        // Nothing includes these.
        assert_eq!(including("a.go", "//go:build ignore\n\npackage p\n"), None);
        assert_eq!(including("a.go", "//go:build go1.99\n\npackage p\n"), None);
        assert_eq!(
            including("a.go", "//go:build linux && windows\n\npackage p\n"),
            None
        );
        assert_eq!(including("_a.go", PLAIN), None);
        assert_eq!(
            including("a_nacl.go", PLAIN),
            None,
            "no current port is nacl"
        );
        assert_eq!(including("a.go", "package p\nimport \"\x00\""), None);
    }

    #[test]
    fn custom_tags_a_file_needs() {
        let ctx = linux();
        let including = |src: &str| {
            ctx.context_including_tags("a.go", &read_header(src.as_bytes()))
                .map(|c| format!("{}/{} {}", c.goos, c.goarch, c.tags.join(",")))
        };
        assert_eq!(
            including("//go:build ignore\n\npackage p\n").as_deref(),
            Some("linux/amd64 ignore")
        );
        assert_eq!(
            including("//go:build integration && windows\n\npackage p\n").as_deref(),
            Some("windows/amd64 integration")
        );
        assert_eq!(
            including("//go:build (a || b) && c && !d\n\npackage p\n").as_deref(),
            Some("linux/amd64 a,c")
        );
        assert_eq!(
            including("// +build ignore\n\npackage p\n").as_deref(),
            Some("linux/amd64 ignore")
        );
        // Already included: the configuration itself, no tag added.
        assert_eq!(including("package p\n").as_deref(), Some("linux/amd64 "));
        assert_eq!(including("//go:build go1.99\n\npackage p\n"), None);
        assert_eq!(
            including("//go:build ignore && !ignore\n\npackage p\n"),
            None
        );
    }
}

//! What a file's name says about it: `_GOOS` / `_GOARCH` / `_GOOS_GOARCH` suffixes (go/build's
//! `goodOSArchFile`), `_test.go` files, and names the go command never looks at.

use super::context::BuildContext;
use super::syslist::{is_known_arch, is_known_os};

/// The constraint a file name implies, e.g. `windows` and `amd64` for `zsys_windows_amd64.go`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileNameConstraint<'a> {
    pub goos: Option<&'a str>,
    pub goarch: Option<&'a str>,
}

/// Whether the go command skips the file without a word: names starting with `_` or `.` (editor
/// backups, disabled files). Such files are not even listed in IgnoredGoFiles.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// Whether `name` is a Go test file (`*_test.go`).
pub fn is_test_file(name: &str) -> bool {
    name.ends_with("_test.go")
}

/// The GOOS/GOARCH constraint in a file name, following `goodOSArchFile`: everything from the
/// first `.` on is dropped, and so is everything before the first `_` (so `linux.go` is not
/// constrained, but `foo_linux.go` is); then a trailing `_test` is dropped, and the last one or
/// two `_`-separated elements count when they are known OS / architecture names.
pub fn file_name_constraint(name: &str) -> FileNameConstraint<'_> {
    let stem = name.split('.').next().unwrap_or("");
    let Some(underscore) = stem.find('_') else {
        return FileNameConstraint::default();
    };
    let mut parts: Vec<&str> = stem[underscore..].split('_').collect();
    if parts.last() == Some(&"test") {
        parts.pop();
    }
    match parts.as_slice() {
        [.., os, arch] if is_known_os(os) && is_known_arch(arch) => FileNameConstraint {
            goos: Some(os),
            goarch: Some(arch),
        },
        [.., last] if is_known_os(last) => FileNameConstraint {
            goos: Some(last),
            goarch: None,
        },
        [.., last] if is_known_arch(last) => FileNameConstraint {
            goos: None,
            goarch: Some(last),
        },
        _ => FileNameConstraint::default(),
    }
}

impl FileNameConstraint<'_> {
    /// Whether the file name constrains the file at all.
    pub fn is_constrained(&self) -> bool {
        self.goos.is_some() || self.goarch.is_some()
    }

    /// Whether the name is satisfied in `ctx`. The names are matched as build tags, so
    /// `foo_linux.go` is built on android too (and with `-tags linux`, as in go/build).
    pub fn matches(&self, ctx: &BuildContext) -> bool {
        self.goos.is_none_or(|os| ctx.matches_tag(os))
            && self.goarch.is_none_or(|arch| ctx.matches_tag(arch))
    }
}

impl BuildContext {
    /// go/build's `goodOSArchFile`: whether the file's name allows it in this context.
    pub fn good_os_arch_file(&self, name: &str) -> bool {
        file_name_constraint(name).matches(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str) -> (Option<&str>, Option<&str>) {
        let c = file_name_constraint(name);
        (c.goos, c.goarch)
    }

    #[test]
    fn suffixes() {
        assert_eq!(c("foo_linux.go"), (Some("linux"), None));
        assert_eq!(c("foo_amd64.go"), (None, Some("amd64")));
        assert_eq!(c("foo_linux_amd64.go"), (Some("linux"), Some("amd64")));
        assert_eq!(c("foo_linux_test.go"), (Some("linux"), None));
        assert_eq!(c("foo_linux_arm64_test.go"), (Some("linux"), Some("arm64")));
        assert_eq!(c("zsys_windows_386.s"), (Some("windows"), Some("386")));
        // Arch then OS is not a pair: only the last element counts.
        assert_eq!(c("foo_amd64_linux.go"), (Some("linux"), None));
        // The first `.` ends the name.
        assert_eq!(c("foo_linux.pb.go"), (Some("linux"), None));
        assert_eq!(c("foo.linux_amd64.go"), (None, None));
    }

    #[test]
    fn unconstrained_names() {
        for name in [
            "linux.go",
            "linux_test.go",
            "amd64.go",
            "foo.go",
            "foo_test.go",
            "foo_unix.go",
            "foo_cgo.go",
            "foo_linux_x.go",
            "foo_linux_test_test.go",
            "foo_Linux.go",
            "",
            "_",
            "a_.go",
        ] {
            assert_eq!(c(name), (None, None), "{name}");
        }
        // A name that is only `_GOOS` after the first underscore still counts: go/build keeps
        // the leading `_` element.
        assert_eq!(c("x_linux.go"), (Some("linux"), None));
        assert_eq!(c("a__linux.go"), (Some("linux"), None));
    }

    #[test]
    fn matching_in_a_context() {
        let linux = BuildContext::new("linux", "amd64", true, 26, vec![]);
        let android = BuildContext::new("android", "arm64", true, 26, vec![]);
        let windows = BuildContext::new("windows", "amd64", false, 26, vec![]);
        assert!(linux.good_os_arch_file("foo_linux_amd64.go"));
        assert!(!linux.good_os_arch_file("foo_linux_arm64.go"));
        assert!(!linux.good_os_arch_file("foo_windows.go"));
        assert!(android.good_os_arch_file("foo_linux.go"));
        assert!(android.good_os_arch_file("foo_android_arm64.go"));
        assert!(!android.good_os_arch_file("foo_linux_amd64.go"));
        assert!(windows.good_os_arch_file("linux.go"));
        assert!(windows.good_os_arch_file("foo_test.go"));
        assert!(!windows.good_os_arch_file("foo_linux_test.go"));
        assert!(
            !windows.good_os_arch_file("foo_nacl.go"),
            "retired names still constrain"
        );
        let tagged = BuildContext::new("windows", "amd64", false, 26, vec!["linux".into()]);
        assert!(
            tagged.good_os_arch_file("foo_linux.go"),
            "names match as tags, as in go/build"
        );
    }

    #[test]
    fn hidden_and_test_names() {
        assert!(is_hidden("_foo.go") && is_hidden(".#foo.go") && !is_hidden("foo_.go"));
        assert!(is_test_file("foo_test.go") && is_test_file("_test.go"));
        assert!(!is_test_file("foo_test.s") && !is_test_file("footest.go"));
    }
}

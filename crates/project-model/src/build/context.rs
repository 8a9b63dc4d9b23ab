//! The build context: the configuration (GOOS, GOARCH, cgo, Go version, custom tags) against
//! which build constraints are evaluated, with go/build's `matchTag` rules.
//!
//! Nothing here reads the environment: the caller (the toolchain discovery) passes GOOS,
//! GOARCH, CGO_ENABLED and the Go version in, so that tests and the server choose any
//! configuration, and a configuration is plain data that can live in the salsa database.

use super::constraint::Constraint;
use super::syslist;

/// One build configuration, as go/build's `Context` holds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BuildContext {
    pub goos: String,
    pub goarch: String,
    pub cgo_enabled: bool,
    /// The toolchain's Go 1.x minor version: `26` for go1.26, which satisfies the release tags
    /// `go1.1` through `go1.26`.
    pub go_version_minor: u32,
    /// Tags that are set on top of the configuration's own: `-tags`, and the toolchain's tool
    /// tags (`goexperiment.*`, `amd64.v1`, ...) when the caller knows them.
    pub tags: Vec<String>,
    /// The compiler's tag: always `gc` (gccgo is not supported).
    pub compiler: String,
}

impl BuildContext {
    pub fn new(
        goos: impl Into<String>,
        goarch: impl Into<String>,
        cgo_enabled: bool,
        go_version_minor: u32,
        tags: Vec<String>,
    ) -> BuildContext {
        BuildContext {
            goos: goos.into(),
            goarch: goarch.into(),
            cgo_enabled,
            go_version_minor,
            tags,
            compiler: "gc".to_owned(),
        }
    }

    /// The context the go command would use, from the values of the GOOS, GOARCH and
    /// CGO_ENABLED environment variables as the caller read them (`None` or empty: unset).
    ///
    /// Unset GOOS/GOARCH default to the machine we run on. Unset CGO_ENABLED follows go/build:
    /// cgo is on when the target is the host and the port supports cgo. (The go command also
    /// turns cgo off when it finds no C compiler; `go env CGO_ENABLED` knows that, so pass its
    /// answer when you have it.)
    pub fn host(
        goos: Option<&str>,
        goarch: Option<&str>,
        cgo_enabled: Option<&str>,
        go_version_minor: u32,
        tags: Vec<String>,
    ) -> BuildContext {
        let set = |v: Option<&str>| v.filter(|v| !v.is_empty()).map(str::to_owned);
        let goos = set(goos).unwrap_or_else(|| host_goos().unwrap_or("linux").to_owned());
        let goarch = set(goarch).unwrap_or_else(|| host_goarch().unwrap_or("amd64").to_owned());
        let cgo_enabled = match cgo_enabled {
            Some("1") => true,
            Some("0") => false,
            // Cross-compiling never enables cgo by default: it needs a cross C toolchain.
            _ => {
                Some(goos.as_str()) == host_goos()
                    && Some(goarch.as_str()) == host_goarch()
                    && syslist::find_port(&goos, &goarch).is_some_and(|p| p.cgo_supported)
            }
        };
        BuildContext::new(goos, goarch, cgo_enabled, go_version_minor, tags)
    }

    /// Whether build tag `tag` is satisfied, with go/build's `matchTag` rules: `cgo` when cgo is
    /// enabled; GOOS, GOARCH and the compiler; `linux` on android, `solaris` on illumos,
    /// `darwin` on ios; `unix` on Unix systems; release tags `go1.1` up to the toolchain's
    /// version; the custom tags. `boringcrypto` is the old name of `goexperiment.boringcrypto`.
    pub fn matches_tag(&self, tag: &str) -> bool {
        if self.cgo_enabled && tag == "cgo" {
            return true;
        }
        if tag == self.goos || tag == self.goarch || tag == self.compiler {
            return true;
        }
        let implied_os = match self.goos.as_str() {
            "android" => "linux",
            "illumos" => "solaris",
            "ios" => "darwin",
            _ => "",
        };
        if !implied_os.is_empty() && tag == implied_os {
            return true;
        }
        if tag == "unix" && syslist::is_unix_os(&self.goos) {
            return true;
        }
        let tag = if tag == "boringcrypto" {
            "goexperiment.boringcrypto"
        } else {
            tag
        };
        self.tags.iter().any(|t| t == tag) || self.is_release_tag(tag)
    }

    /// Whether `tag` is one of the release tags `go1.1` .. `go1.N` of this toolchain. Spelled
    /// exactly as Go spells them: `go1.05` and `go1.0` are not release tags.
    fn is_release_tag(&self, tag: &str) -> bool {
        let Some(minor) = tag.strip_prefix("go1.") else {
            return false;
        };
        if minor.is_empty() || minor.starts_with('0') || !minor.bytes().all(|b| b.is_ascii_digit())
        {
            return false;
        }
        minor
            .parse::<u32>()
            .is_ok_and(|m| m <= self.go_version_minor)
    }

    /// The release tags, oldest first, as go/build's `ReleaseTags`.
    pub fn release_tags(&self) -> impl Iterator<Item = String> + use<> {
        (1..=self.go_version_minor).map(|m| format!("go1.{m}"))
    }

    /// Evaluates a build constraint in this context.
    pub fn eval(&self, constraint: &Constraint) -> bool {
        constraint.eval(&mut |tag| self.matches_tag(tag))
    }

    /// The same configuration for another port.
    pub fn with_port(&self, goos: &str, goarch: &str, cgo_enabled: bool) -> BuildContext {
        BuildContext {
            goos: goos.to_owned(),
            goarch: goarch.to_owned(),
            cgo_enabled,
            ..self.clone()
        }
    }
}

/// The GOOS of the machine we were compiled for, if Go has a name for it.
pub fn host_goos() -> Option<&'static str> {
    Some(match std::env::consts::OS {
        "macos" => "darwin",
        os @ ("linux" | "windows" | "android" | "ios" | "freebsd" | "netbsd" | "openbsd"
        | "dragonfly" | "solaris" | "illumos" | "aix" | "hurd") => os,
        _ => return None,
    })
}

/// The GOARCH of the machine we were compiled for, if Go has a name for it.
pub fn host_goarch() -> Option<&'static str> {
    let little = cfg!(target_endian = "little");
    Some(match std::env::consts::ARCH {
        "x86" => "386",
        "x86_64" => "amd64",
        "arm" => "arm",
        "aarch64" => "arm64",
        "loongarch64" => "loong64",
        "riscv64" => "riscv64",
        "s390x" => "s390x",
        "wasm32" => "wasm",
        "mips" if little => "mipsle",
        "mips" => "mips",
        "mips64" if little => "mips64le",
        "mips64" => "mips64",
        "powerpc64" if little => "ppc64le",
        "powerpc64" => "ppc64",
        _ => return None,
    })
}

/// The Go 1.x minor version in a toolchain version string: `go1.26.8` and `go1.27rc1` and
/// `devel go1.27-abcdef Tue ...` (the first line of `$GOROOT/VERSION`, or `go env GOVERSION`).
pub fn parse_go_version_minor(version: &str) -> Option<u32> {
    let start = version.find("go1.")? + "go1.".len();
    let digits = version[start..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    version[start..start + digits].parse().ok()
}

/// The tags of a `-tags` flag: comma-separated, or, in the legacy form, separated by spaces.
pub fn parse_tags_flag(flag: &str) -> Vec<String> {
    let sep: &[char] = if flag.contains(' ') {
        &[' ', ',']
    } else {
        &[',']
    };
    flag.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(goos: &str, goarch: &str, cgo: bool) -> BuildContext {
        BuildContext::new(goos, goarch, cgo, 26, vec!["mytag".to_owned()])
    }

    #[test]
    fn os_arch_compiler_and_cgo() {
        let linux = ctx("linux", "amd64", true);
        for tag in ["linux", "amd64", "gc", "cgo", "unix", "mytag"] {
            assert!(linux.matches_tag(tag), "{tag}");
        }
        for tag in [
            "windows", "arm64", "gccgo", "ignore", "android", "", "Linux",
        ] {
            assert!(!linux.matches_tag(tag), "{tag}");
        }
        assert!(!ctx("linux", "amd64", false).matches_tag("cgo"));
    }

    #[test]
    fn implied_operating_systems() {
        assert!(ctx("android", "arm64", true).matches_tag("linux"));
        assert!(ctx("illumos", "amd64", true).matches_tag("solaris"));
        assert!(ctx("ios", "arm64", true).matches_tag("darwin"));
        // Not the other way round.
        assert!(!ctx("linux", "arm64", true).matches_tag("android"));
        assert!(!ctx("solaris", "amd64", true).matches_tag("illumos"));
        assert!(!ctx("darwin", "arm64", true).matches_tag("ios"));
    }

    #[test]
    fn unix() {
        for os in [
            "linux", "darwin", "android", "ios", "illumos", "solaris", "aix", "hurd",
        ] {
            assert!(ctx(os, "amd64", false).matches_tag("unix"), "{os}");
        }
        for os in ["windows", "js", "wasip1", "plan9", "zos", "nacl"] {
            assert!(!ctx(os, "amd64", false).matches_tag("unix"), "{os}");
        }
    }

    #[test]
    fn release_tags() {
        let c = ctx("linux", "amd64", false);
        for tag in ["go1.1", "go1.9", "go1.21", "go1.26"] {
            assert!(c.matches_tag(tag), "{tag}");
        }
        for tag in [
            "go1.27", "go1.100", "go1.0", "go1.05", "go1.", "go1.2x", "go2.1", "go1.-1",
        ] {
            assert!(!c.matches_tag(tag), "{tag}");
        }
        assert_eq!(c.release_tags().count(), 26);
        assert_eq!(c.release_tags().last().as_deref(), Some("go1.26"));
        let old = BuildContext::new("linux", "amd64", false, 20, vec![]);
        assert!(old.matches_tag("go1.20") && !old.matches_tag("go1.21"));
    }

    #[test]
    fn boringcrypto_is_an_alias() {
        let mut c = ctx("linux", "amd64", false);
        assert!(!c.matches_tag("boringcrypto"));
        c.tags.push("goexperiment.boringcrypto".to_owned());
        assert!(c.matches_tag("boringcrypto"));
    }

    #[test]
    fn host_defaults() {
        let c = BuildContext::host(Some("windows"), Some("arm64"), None, 26, vec![]);
        assert_eq!((c.goos.as_str(), c.goarch.as_str()), ("windows", "arm64"));
        assert_eq!(c.compiler, "gc");
        if host_goos() != Some("windows") {
            assert!(!c.cgo_enabled, "cross-compiling defaults to cgo off");
        }
        let c = BuildContext::host(Some("js"), Some("wasm"), Some("1"), 26, vec![]);
        assert!(c.cgo_enabled, "an explicit CGO_ENABLED=1 wins");
        let c = BuildContext::host(Some(""), None, Some("0"), 26, vec![]);
        assert_eq!(Some(c.goos.as_str()), host_goos().or(Some("linux")));
        assert!(!c.cgo_enabled);
    }

    #[test]
    fn version_and_tags_parsing() {
        assert_eq!(parse_go_version_minor("go1.26.8"), Some(26));
        assert_eq!(parse_go_version_minor("go1.27rc1"), Some(27));
        assert_eq!(parse_go_version_minor("devel go1.27-1a2b3c Tue"), Some(27));
        assert_eq!(parse_go_version_minor("go1"), None);
        assert_eq!(parse_go_version_minor("weird"), None);
        assert_eq!(parse_tags_flag("a,b,,c"), ["a", "b", "c"]);
        assert_eq!(parse_tags_flag("a b"), ["a", "b"]);
        assert!(parse_tags_flag("").is_empty());
    }
}

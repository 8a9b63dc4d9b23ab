//! The GOOS and GOARCH names the go command knows, and the ports it can build for.
//!
//! Copied as data from Go 1.26's `internal/syslist` (known names, the `unix` set) and
//! `go tool dist list -json` (ports and their cgo support). The known-name lists decide file name
//! matching: Go never removes a name from them, so that `foo_nacl.go` keeps meaning what it
//! meant, and neither must we.

/// Every GOOS value Go knows, past, present and future (`syslist.KnownOS`). A `_GOOS` file name
/// suffix constrains a file only when it names one of these.
pub const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// The GOOS values the `unix` build tag matches (`syslist.UnixOS`). Not used for file names:
/// `foo_unix.go` is not constrained by its name.
pub const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Every GOARCH value Go knows (`syslist.KnownArch`). A `_GOARCH` file name suffix constrains a
/// file only when it names one of these.
pub const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// A GOOS/GOARCH pair the Go toolchain can build for (`go tool dist list`, without the ports
/// marked broken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Port {
    pub goos: &'static str,
    pub goarch: &'static str,
    /// Whether cgo can be enabled for this port (`platform.CgoSupported`).
    pub cgo_supported: bool,
    /// A first-class port: tried first when looking for a configuration that includes a file.
    pub first_class: bool,
}

const fn port(goos: &'static str, goarch: &'static str, cgo: bool, first_class: bool) -> Port {
    Port {
        goos,
        goarch,
        cgo_supported: cgo,
        first_class,
    }
}

/// The ports of Go 1.26, in `go tool dist list` order.
pub const PORTS: &[Port] = &[
    port("aix", "ppc64", true, false),
    port("android", "386", true, false),
    port("android", "amd64", true, false),
    port("android", "arm", true, false),
    port("android", "arm64", true, false),
    port("darwin", "amd64", true, true),
    port("darwin", "arm64", true, true),
    port("dragonfly", "amd64", true, false),
    port("freebsd", "386", true, false),
    port("freebsd", "amd64", true, false),
    port("freebsd", "arm", true, false),
    port("freebsd", "arm64", true, false),
    port("illumos", "amd64", true, false),
    port("ios", "amd64", true, false),
    port("ios", "arm64", true, false),
    port("js", "wasm", false, false),
    port("linux", "386", true, true),
    port("linux", "amd64", true, true),
    port("linux", "arm", true, true),
    port("linux", "arm64", true, true),
    port("linux", "loong64", true, false),
    port("linux", "mips", true, false),
    port("linux", "mips64", true, false),
    port("linux", "mips64le", true, false),
    port("linux", "mipsle", true, false),
    port("linux", "ppc64", false, false),
    port("linux", "ppc64le", true, false),
    port("linux", "riscv64", true, false),
    port("linux", "s390x", true, false),
    port("netbsd", "386", true, false),
    port("netbsd", "amd64", true, false),
    port("netbsd", "arm", true, false),
    port("netbsd", "arm64", true, false),
    port("openbsd", "386", true, false),
    port("openbsd", "amd64", true, false),
    port("openbsd", "arm", true, false),
    port("openbsd", "arm64", true, false),
    port("openbsd", "ppc64", false, false),
    port("openbsd", "riscv64", true, false),
    port("plan9", "386", false, false),
    port("plan9", "amd64", false, false),
    port("plan9", "arm", false, false),
    port("solaris", "amd64", true, false),
    port("wasip1", "wasm", false, false),
    port("windows", "386", true, true),
    port("windows", "amd64", true, true),
    port("windows", "arm64", true, false),
];

/// Whether `goos` is in [`KNOWN_OS`].
pub fn is_known_os(goos: &str) -> bool {
    KNOWN_OS.contains(&goos)
}

/// Whether `goarch` is in [`KNOWN_ARCH`].
pub fn is_known_arch(goarch: &str) -> bool {
    KNOWN_ARCH.contains(&goarch)
}

/// Whether the `unix` build tag matches `goos`.
pub fn is_unix_os(goos: &str) -> bool {
    UNIX_OS.contains(&goos)
}

/// The port for a GOOS/GOARCH pair, if Go supports it.
pub fn find_port(goos: &str, goarch: &str) -> Option<&'static Port> {
    PORTS.iter().find(|p| p.goos == goos && p.goarch == goarch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_port_uses_known_names() {
        for p in PORTS {
            assert!(is_known_os(p.goos), "{}", p.goos);
            assert!(is_known_arch(p.goarch), "{}", p.goarch);
        }
        for os in UNIX_OS {
            assert!(is_known_os(os), "{os}");
        }
    }

    #[test]
    fn lookups() {
        assert!(is_known_os("nacl"));
        assert!(!is_known_os("unix"));
        assert!(is_known_arch("386"));
        assert!(!is_known_arch("x86_64"));
        assert!(is_unix_os("ios"));
        assert!(!is_unix_os("js"));
        assert!(!is_unix_os("windows"));
        assert_eq!(
            find_port("js", "wasm").map(|p| p.cgo_supported),
            Some(false)
        );
        assert!(find_port("windows", "wasm").is_none());
    }
}

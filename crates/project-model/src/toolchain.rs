//! The Go toolchain and its environment: GOROOT, the Go version, GOOS/GOARCH, the module cache.
//!
//! Values come from the process environment first; what is missing comes from one run of
//! `go env -json` (the go command's own defaults, including `go env -w` settings); and when
//! there is no `go` at all, from the host's defaults, so that syntax-only service continues.
//! Both sources are passed in, so tests decide what the "environment" is.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use crate::build::{host_goarch, host_goos};

/// The variables we read, in the order `go env` prints them.
pub const VARIABLES: &[&str] = &[
    "GOROOT",
    "GOPATH",
    "GOMODCACHE",
    "GOFLAGS",
    "GOOS",
    "GOARCH",
    "CGO_ENABLED",
    "GOWORK",
    "GO111MODULE",
    "GOEXPERIMENT",
    "GOAMD64",
];

/// The resolved Go environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoEnv {
    /// `None` when no Go toolchain was found: the standard library is then unknown.
    pub goroot: Option<PathBuf>,
    /// `go1.26.8`, from `$GOROOT/VERSION`; `None` without a toolchain.
    pub version: Option<String>,
    /// The first GOPATH entry (where the module cache and `go install` go by default).
    pub gopath: PathBuf,
    /// Every GOPATH entry, in order (GOPATH mode searches them all).
    pub gopath_entries: Vec<PathBuf>,
    pub gomodcache: PathBuf,
    pub goflags: String,
    pub goos: String,
    pub goarch: String,
    pub cgo_enabled: bool,
    /// GOWORK as set: empty (search upward), `off`, or a path.
    pub gowork: String,
    pub go111module: String,
    pub goexperiment: String,
    pub goamd64: String,
}

impl GoEnv {
    /// The minor version of the toolchain's Go (26 for go1.26.8); release tags go1.1..go1.N
    /// are satisfied up to it.
    pub fn go_minor(&self) -> Option<u32> {
        crate::build::parse_go_version_minor(self.version.as_deref()?)
    }

    /// `-mod=` from GOFLAGS, if given.
    pub fn mod_flag(&self) -> Option<&str> {
        self.goflags
            .split_whitespace()
            .find_map(|f| f.strip_prefix("-mod=").or_else(|| f.strip_prefix("--mod=")))
    }
}

/// The tags the toolchain itself sets (go/build's `ToolTags`): its default `GOEXPERIMENT`s,
/// adjusted by the `GOEXPERIMENT` variable (`a,noB`), and the GOAMD64 microarchitecture level.
///
/// The defaults are those of go1.26's `internal/buildcfg` (`ParseGOEXPERIMENT`'s baseline);
/// they change between releases, and the differential test against `go list` notices when.
pub fn tool_tags(goos: &str, goarch: &str, goexperiment: &str, goamd64: &str) -> Vec<String> {
    let regabi = matches!(
        goarch,
        "amd64" | "arm64" | "loong64" | "ppc64le" | "ppc64" | "riscv64" | "s390x"
    );
    let dwarf5 = !matches!(goos, "darwin" | "ios" | "aix");
    let mut experiments: Vec<(String, bool)> = vec![
        ("regabiwrappers".into(), regabi),
        ("regabiargs".into(), regabi),
        ("dwarf5".into(), dwarf5),
        ("randomizedheapbase64".into(), true),
        ("greenteagc".into(), true),
    ];
    for item in goexperiment
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "none")
    {
        let (name, on) = match item.strip_prefix("no") {
            Some(rest) => (rest.to_string(), false),
            None => (item.to_string(), true),
        };
        let names: Vec<String> = if name == "regabi" {
            vec!["regabiwrappers".into(), "regabiargs".into()]
        } else {
            vec![name]
        };
        for name in names {
            match experiments.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 = on,
                None => experiments.push((name, on)),
            }
        }
    }
    let mut tags: Vec<String> = experiments
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| format!("goexperiment.{name}"))
        .collect();
    if goarch == "amd64" {
        let level: u32 = goamd64.trim_start_matches('v').parse().unwrap_or(1);
        tags.extend((1..=level.clamp(1, 4)).map(|v| format!("amd64.v{v}")));
    }
    tags
}

/// Where values come from. The real implementation reads the process environment and runs
/// `go env -json` at most once; tests supply maps.
pub trait EnvSource {
    fn var(&self, name: &str) -> Option<String>;
    /// `go env -json` as a map, or `None` when there is no usable `go` command.
    fn go_env(&self) -> Option<HashMap<String, String>>;
    /// The `go` binary found on PATH, if any.
    fn go_on_path(&self) -> Option<PathBuf>;
    fn read_to_string(&self, path: &Path) -> Option<String>;
    fn home_dir(&self) -> Option<PathBuf>;
}

/// Resolves the Go environment. Never fails: without a toolchain, `goroot` is `None` and the
/// rest are the host's defaults; the caller says so to the user.
pub fn detect(source: &dyn EnvSource) -> GoEnv {
    let mut values: HashMap<&str, String> = HashMap::new();
    for &name in VARIABLES {
        if let Some(value) = source.var(name).filter(|v| !v.is_empty()) {
            values.insert(name, value);
        }
    }
    // One `go env` run fills in everything the environment left unset, GOROOT included; it
    // knows the go command's own defaults (and `go env -w` settings) better than we could.
    if VARIABLES.iter().any(|name| !values.contains_key(name))
        && let Some(go_env) = source.go_env()
    {
        for &name in VARIABLES {
            if let Some(value) = go_env.get(name).filter(|v| !v.is_empty()) {
                values.entry(name).or_insert_with(|| value.clone());
            }
        }
    }
    let goroot = values
        .get("GOROOT")
        .map(PathBuf::from)
        .or_else(|| {
            // `go` on PATH without a working `go env`: GOROOT is the directory above its bin/.
            let go = source.go_on_path()?;
            Some(go.parent()?.parent()?.to_path_buf())
        })
        .filter(|root| {
            source.read_to_string(&root.join("VERSION")).is_some() || root.join("src").is_dir()
        });
    let version = goroot
        .as_ref()
        .and_then(|root| source.read_to_string(&root.join("VERSION")))
        .and_then(|text| text.lines().next().map(|l| l.trim().to_string()))
        .filter(|v| v.starts_with("go"));
    let home = source.home_dir().unwrap_or_default();
    let gopath = values
        .get("GOPATH")
        .map(|p| first_path(p))
        .unwrap_or_else(|| home.join("go"));
    let gopath_entries: Vec<PathBuf> = match values.get("GOPATH") {
        Some(list) => std::env::split_paths(list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => vec![gopath.clone()],
    };
    let gomodcache = values
        .get("GOMODCACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| gopath.join("pkg/mod"));
    let (host_goos, host_goarch) = (
        host_goos().unwrap_or("linux"),
        host_goarch().unwrap_or("amd64"),
    );
    let goos = values
        .get("GOOS")
        .cloned()
        .unwrap_or_else(|| host_goos.to_string());
    let goarch = values
        .get("GOARCH")
        .cloned()
        .unwrap_or_else(|| host_goarch.to_string());
    // Without `go env`, assume cgo on for native builds, as the go command does when it finds
    // a C compiler; a cross build defaults to off.
    let native = goos == host_goos && goarch == host_goarch;
    let cgo_enabled = values
        .get("CGO_ENABLED")
        .map_or(native, |v| v.trim() == "1");
    GoEnv {
        goroot,
        version,
        gopath,
        gopath_entries,
        gomodcache,
        goflags: values.get("GOFLAGS").cloned().unwrap_or_default(),
        goos,
        goarch,
        cgo_enabled,
        gowork: values.get("GOWORK").cloned().unwrap_or_default(),
        go111module: values.get("GO111MODULE").cloned().unwrap_or_default(),
        goexperiment: values.get("GOEXPERIMENT").cloned().unwrap_or_default(),
        goamd64: values.get("GOAMD64").cloned().unwrap_or_default(),
    }
}

fn first_path(list: &str) -> PathBuf {
    PathBuf::from(list.split(':').next().unwrap_or(list))
}

/// The real environment: process variables, `go env -json` run at most once.
#[derive(Debug, Default)]
pub struct ProcessEnv {
    go_env: std::sync::OnceLock<Option<HashMap<String, String>>>,
}

impl EnvSource for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn go_env(&self) -> Option<HashMap<String, String>> {
        self.go_env
            .get_or_init(|| {
                let output = std::process::Command::new("go")
                    .arg("env")
                    .arg("-json")
                    .args(VARIABLES)
                    .output()
                    .ok()?;
                if !output.status.success() {
                    return None;
                }
                parse_go_env_json(&String::from_utf8_lossy(&output.stdout))
            })
            .clone()
    }

    fn go_on_path(&self) -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join("go"))
            .find(|go| go.is_file())
            .map(|go| go.canonicalize().unwrap_or(go))
    }

    fn read_to_string(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        std::env::var_os("HOME").map(PathBuf::from)
    }
}

/// `go env -json` prints one flat object of string values; this reads exactly that shape.
pub fn parse_go_env_json(text: &str) -> Option<HashMap<String, String>> {
    let body = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut map = HashMap::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return Some(map);
        }
        let (key, after) = json_string(rest)?;
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let (value, after) = json_string(after)?;
        map.insert(key, value);
        rest = after;
    }
}

/// A JSON string at the start of `text`, and what follows it.
fn json_string(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, c)| c))
                        .collect();
                    out.push(
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('\u{FFFD}'),
                    );
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct FakeEnv {
        vars: HashMap<String, String>,
        go_env: Option<HashMap<String, String>>,
        go_on_path: Option<PathBuf>,
        files: HashMap<PathBuf, String>,
    }

    impl EnvSource for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.vars.get(name).cloned()
        }
        fn go_env(&self) -> Option<HashMap<String, String>> {
            self.go_env.clone()
        }
        fn go_on_path(&self) -> Option<PathBuf> {
            self.go_on_path.clone()
        }
        fn read_to_string(&self, path: &Path) -> Option<String> {
            self.files.get(path).cloned()
        }
        fn home_dir(&self) -> Option<PathBuf> {
            Some("/home/gopher".into())
        }
    }

    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn environment_wins_over_go_env() {
        let env = FakeEnv {
            vars: map(&[("GOROOT", "/opt/go"), ("GOOS", "windows")]),
            go_env: Some(map(&[
                ("GOROOT", "/usr/local/go"),
                ("GOOS", "linux"),
                ("GOARCH", "arm64"),
                ("CGO_ENABLED", "0"),
            ])),
            files: [(
                PathBuf::from("/opt/go/VERSION"),
                "go1.26.8\ntime 2026-01-01\n".to_string(),
            )]
            .into(),
            ..Default::default()
        };
        let go = detect(&env);
        assert_eq!(go.goroot, Some(PathBuf::from("/opt/go")));
        assert_eq!(go.version.as_deref(), Some("go1.26.8"));
        assert_eq!(go.go_minor(), Some(26));
        assert_eq!(
            (go.goos.as_str(), go.goarch.as_str(), go.cgo_enabled),
            ("windows", "arm64", false)
        );
        assert_eq!(go.gomodcache, PathBuf::from("/home/gopher/go/pkg/mod"));
    }

    #[test]
    fn go_binary_on_path_locates_goroot() {
        let env = FakeEnv {
            go_on_path: Some("/usr/lib/go-1.26/bin/go".into()),
            files: [(
                PathBuf::from("/usr/lib/go-1.26/VERSION"),
                "go1.26.1".to_string(),
            )]
            .into(),
            ..Default::default()
        };
        let go = detect(&env);
        assert_eq!(go.goroot, Some(PathBuf::from("/usr/lib/go-1.26")));
        assert_eq!(go.go_minor(), Some(26));
    }

    #[test]
    fn no_toolchain_still_gives_host_defaults() {
        let go = detect(&FakeEnv::default());
        assert_eq!(go.goroot, None);
        assert_eq!(go.version, None);
        assert_eq!(Some(go.goos.as_str()), host_goos());
        assert_eq!(go.gopath, PathBuf::from("/home/gopher/go"));
    }

    #[test]
    fn goflags_mod_flag() {
        let env = FakeEnv {
            vars: map(&[("GOFLAGS", "-tags=x -mod=vendor")]),
            ..Default::default()
        };
        assert_eq!(detect(&env).mod_flag(), Some("vendor"));
        assert_eq!(crate::build::parse_go_version_minor("go1.27rc1"), Some(27));
    }

    #[test]
    fn reads_go_env_json() {
        let parsed =
            parse_go_env_json("{\n\t\"GOARCH\": \"amd64\",\n\t\"GOFLAGS\": \"-x \\\"y\\\"\"\n}\n")
                .unwrap();
        assert_eq!(parsed["GOARCH"], "amd64");
        assert_eq!(parsed["GOFLAGS"], "-x \"y\"");
    }

    #[test]
    fn real_environment_agrees_with_go_env() {
        // Whatever this machine has: if `go env` works, our GOROOT must be the one it names.
        let source = ProcessEnv::default();
        let Some(go_env) = source.go_env() else {
            eprintln!("no go command: nothing to compare");
            return;
        };
        let go = detect(&source);
        if std::env::var_os("GOROOT").is_none() {
            assert_eq!(go.goroot, go_env.get("GOROOT").map(PathBuf::from));
        }
        assert!(go.version.is_some());
    }
}

#[cfg(test)]
mod tool_tag_tests {
    use super::tool_tags;

    #[test]
    fn defaults_per_port_and_overrides() {
        let linux = tool_tags("linux", "amd64", "", "");
        assert!(linux.contains(&"goexperiment.regabiargs".to_string()));
        assert!(linux.contains(&"goexperiment.dwarf5".to_string()));
        assert!(linux.contains(&"amd64.v1".to_string()));
        let darwin = tool_tags("darwin", "arm64", "", "");
        assert!(!darwin.contains(&"goexperiment.dwarf5".to_string()));
        assert!(!darwin.iter().any(|t| t.starts_with("amd64.")));
        let wasm = tool_tags("js", "wasm", "", "");
        assert!(!wasm.contains(&"goexperiment.regabiargs".to_string()));
        let custom = tool_tags("linux", "amd64", "arenas,nogreenteagc,noregabi", "v3");
        assert!(custom.contains(&"goexperiment.arenas".to_string()));
        assert!(!custom.contains(&"goexperiment.greenteagc".to_string()));
        assert!(!custom.contains(&"goexperiment.regabiwrappers".to_string()));
        assert_eq!(custom.iter().filter(|t| t.starts_with("amd64.")).count(), 3);
    }
}

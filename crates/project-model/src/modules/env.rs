//! The environment settings that change how the go command finds modules, and the `-mod` mode
//! they lead to (modload's setDefaultBuildMod).

use std::path::PathBuf;

/// The go environment the module graph depends on. The caller fills it from the process
/// environment (or `go env`): nothing here reads the environment itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// GOMODCACHE.
    pub gomodcache: PathBuf,
    /// The `-mod=` value found in GOFLAGS ([`Env::mod_flag_from_goflags`]), if any.
    pub goflags_mod: Option<String>,
    /// GOWORK: unset or empty (or `auto`) searches for go.work upward, `off` disables
    /// workspaces, anything else must be the absolute path of a go.work file.
    pub gowork: Option<String>,
    /// GO111MODULE: `off` is GOPATH mode; `auto` is GOPATH mode when no go.mod is found;
    /// unset, empty or `on` is module mode.
    pub go111module: Option<String>,
}

impl Env {
    /// An environment with just a module cache, everything else unset.
    pub fn new(gomodcache: impl Into<PathBuf>) -> Self {
        Env {
            gomodcache: gomodcache.into(),
            ..Env::default()
        }
    }

    /// The value of the last `-mod=` (or `--mod=`) flag in a GOFLAGS string, as the go
    /// command applies GOFLAGS in order.
    pub fn mod_flag_from_goflags(goflags: &str) -> Option<String> {
        goflags
            .split_whitespace()
            .filter_map(|f| f.strip_prefix("--mod=").or_else(|| f.strip_prefix("-mod=")))
            .next_back()
            .map(str::to_string)
    }
}

/// The `-mod` mode the go command would run with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModFlag {
    /// `-mod=mod`: go.mod may be updated, missing modules looked up.
    Mod,
    /// `-mod=readonly` (the default): the module graph is used as it is.
    Readonly,
    /// `-mod=vendor`: packages come from the vendor directory, not the module cache.
    Vendor,
}

impl ModFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            ModFlag::Mod => "mod",
            ModFlag::Readonly => "readonly",
            ModFlag::Vendor => "vendor",
        }
    }
}

/// The `-mod` mode, whether it was set explicitly, and why the default was chosen (the go
/// command's BuildModReason, which it quotes in import errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildMod {
    pub flag: ModFlag,
    pub explicit: bool,
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod_flag_in_goflags() {
        assert_eq!(
            Env::mod_flag_from_goflags("-buildvcs=false -mod=vendor"),
            Some("vendor".into())
        );
        assert_eq!(
            Env::mod_flag_from_goflags("--mod=mod -mod=readonly"),
            Some("readonly".into())
        );
        assert_eq!(Env::mod_flag_from_goflags("-modfile=x.mod"), None);
        assert_eq!(Env::mod_flag_from_goflags(""), None);
    }
}

//! `vendor/modules.txt`, as modload's readVendorList reads it:
//!
//! ```text
//! ## workspace                          (first line, only for `go work vendor`)
//! # example.com/a v1.2.3                 a module with vendored packages
//! ## explicit; go 1.21                  required by a main go.mod; its go version
//! example.com/a                         a vendored package of that module
//! example.com/a/sub
//! # example.com/b v1.0.0 => ../b        a replaced module
//! # example.com/c => ./c                a replacement of every version
//! ```
//!
//! Lines that do not parse are skipped, as the go command skips them.

use std::collections::HashMap;

use super::gover;
use super::path::check_import_path;
use super::semver;

/// A `# path version` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendoredModule {
    pub path: String,
    /// `None` for a `# path => replacement` line that replaces every version.
    pub version: Option<String>,
    /// `## explicit`: a main go.mod requires this module directly.
    pub explicit: bool,
    /// `## ...; go 1.21`.
    pub go_version: Option<String>,
    /// The `=> path [version]` part.
    pub replacement: Option<(String, Option<String>)>,
}

/// A parsed modules.txt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModulesTxt {
    /// Every entry, in order of appearance (a module can appear twice: once with its
    /// packages, once in the trailing list of replacements).
    pub entries: Vec<VendoredModule>,
    /// Package import path -> index of its module in `entries`.
    pub packages: HashMap<String, usize>,
    /// The modules that contribute packages, in order of appearance, highest version of each
    /// path only (the go command's vendorList): indexes into `entries`.
    pub build_list: Vec<usize>,
    /// Written by `go work vendor` for a workspace.
    pub workspace: bool,
}

impl ModulesTxt {
    pub fn parse(text: &str) -> ModulesTxt {
        let mut txt = ModulesTxt::default();
        let first = text.lines().next().unwrap_or("");
        if let Some(notes) = first.strip_prefix("## ") {
            txt.workspace = notes.split(';').any(|n| n.trim() == "workspace");
        }
        let mut current: Option<usize> = None;
        let mut selected: HashMap<String, (String, usize)> = HashMap::new();
        for line in text.split('\n') {
            if let Some(rest) = line.strip_prefix("# ") {
                current = parse_module_line(rest).map(|m| {
                    txt.entries.push(m);
                    txt.entries.len() - 1
                });
                continue;
            }
            let Some(idx) = current else { continue };
            if let Some(notes) = line.strip_prefix("## ") {
                let entry = &mut txt.entries[idx];
                for note in notes.split(';').map(str::trim) {
                    if note == "explicit" {
                        entry.explicit = true;
                    } else if let Some(v) = note.strip_prefix("go ") {
                        entry.go_version = Some(v.to_string());
                    }
                }
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [pkg] = fields.as_slice() else { continue };
            if check_import_path(pkg).is_err() {
                continue;
            }
            txt.packages.insert(pkg.to_string(), idx);
            let entry = &txt.entries[idx];
            let version = entry.version.clone().unwrap_or_default();
            let newer = match selected.get(&entry.path) {
                None => true,
                Some((v, _)) => semver::compare(v, &version).is_lt(),
            };
            if newer {
                selected.insert(entry.path.clone(), (version, idx));
                txt.build_list.push(idx);
            }
        }
        // A path listed at two versions keeps only the later, higher one.
        txt.build_list.retain(|i| {
            selected
                .get(&txt.entries[*i].path)
                .is_some_and(|(_, s)| s == i)
        });
        txt
    }

    /// The entry for the module that provides `pkg`, if modules.txt lists the package.
    pub fn module_of_package(&self, pkg: &str) -> Option<&VendoredModule> {
        self.packages.get(pkg).map(|&i| &self.entries[i])
    }

    /// Whether a vendored package must be listed to be used (main module go >= 1.23).
    pub fn listing_required(main_go_version: &str) -> bool {
        gover::compare(
            main_go_version,
            gover::versions::EXPLICIT_MODULES_TXT_IMPORT,
        )
        .is_ge()
    }
}

/// `path version [=> new [version]]` or `path => new [version]`.
fn parse_module_line(rest: &str) -> Option<VendoredModule> {
    let f: Vec<&str> = rest.split_whitespace().collect();
    if f.len() < 2 {
        return None;
    }
    let (path, version, tail) = if semver::is_valid(f[1]) {
        (f[0], Some(f[1].to_string()), &f[2..])
    } else if f[1] == "=>" {
        (f[0], None, &f[1..])
    } else {
        return None;
    };
    let replacement = match tail {
        ["=>", new] => Some((new.to_string(), None)),
        ["=>", new, v] if semver::is_valid(v) => Some((new.to_string(), Some(v.to_string()))),
        _ => None,
    };
    Some(VendoredModule {
        path: path.to_string(),
        version,
        explicit: false,
        go_version: None,
        replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_go_mod_vendor_writes() {
        let txt = ModulesTxt::parse(
            "# example.com/CamelCase v1.0.0 => ./third_party/camel\n## explicit; go 1.21\nexample.com/CamelCase\n# example.com/dep v1.1.0\n## explicit; go 1.21\nexample.com/dep\n# example.com/util v1.2.0\n## explicit; go 1.21\nexample.com/util/extra\nexample.com/util/strs\n# example.com/CamelCase => ./third_party/camel\n",
        );
        assert!(!txt.workspace);
        assert_eq!(txt.entries.len(), 4);
        let camel = txt.module_of_package("example.com/CamelCase").unwrap();
        assert_eq!(camel.version.as_deref(), Some("v1.0.0"));
        assert_eq!(
            camel.replacement,
            Some(("./third_party/camel".into(), None))
        );
        assert!(camel.explicit);
        assert_eq!(camel.go_version.as_deref(), Some("1.21"));
        assert_eq!(
            txt.module_of_package("example.com/util/strs").unwrap().path,
            "example.com/util"
        );
        assert!(txt.module_of_package("example.com/util").is_none());
        let build: Vec<&str> = txt
            .build_list
            .iter()
            .map(|&i| txt.entries[i].path.as_str())
            .collect();
        assert_eq!(
            build,
            [
                "example.com/CamelCase",
                "example.com/dep",
                "example.com/util"
            ]
        );
        assert_eq!(txt.entries[3].version, None);
    }

    #[test]
    fn workspace_marker_and_junk() {
        let txt = ModulesTxt::parse(
            "## workspace\n# junk\n#\nnot a package line\n# a.com/m v1.0.0\nbad path with spaces\n",
        );
        assert!(txt.workspace);
        assert_eq!(txt.entries.len(), 1);
        assert!(txt.packages.is_empty());
        assert!(ModulesTxt::listing_required("1.23") && !ModulesTxt::listing_required("1.22"));
    }
}

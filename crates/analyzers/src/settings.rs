//! Which analyzers run: the defaults (gopls'), overridden by name (the `analyses` setting,
//! `--enable`/`--disable`, `go-analyzer.toml`). Unknown names are reported, never fatal.

use std::collections::BTreeSet;

use crate::Analyzer;

/// The analyzers to run, and the names given that match none.
#[derive(Clone, Debug)]
pub struct Selection {
    pub enabled: Vec<&'static Analyzer>,
    pub unknown: Vec<String>,
}

/// Starts from each analyzer's default and applies `overrides` (name, on) in order; later
/// ones win. The name `all` switches every analyzer.
pub fn select(overrides: &[(String, bool)]) -> Selection {
    let all = crate::all();
    let mut on: BTreeSet<&'static str> = all
        .iter()
        .filter(|a| a.default_enabled)
        .map(|a| a.name)
        .collect();
    let mut unknown = Vec::new();
    for (name, enable) in overrides {
        let matched: Vec<&'static str> = if name == "all" {
            all.iter().map(|a| a.name).collect()
        } else {
            all.iter()
                .filter(|a| a.name == name)
                .map(|a| a.name)
                .collect()
        };
        if matched.is_empty() {
            if !unknown.contains(name) {
                unknown.push(name.clone());
            }
            continue;
        }
        for m in matched {
            if *enable {
                on.insert(m);
            } else {
                on.remove(m);
            }
        }
    }
    Selection {
        enabled: all
            .iter()
            .copied()
            .filter(|a| on.contains(a.name))
            .collect(),
        unknown,
    }
}

/// A warning about unknown analyzer names that lists the known ones.
pub fn unknown_warning(unknown: &[String]) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let names: Vec<&str> = crate::all().iter().map(|a| a.name).collect();
    let quoted: Vec<String> = unknown.iter().map(|n| format!("{n:?}")).collect();
    Some(format!(
        "unknown analyzer {} (known analyzers: {})",
        quoted.join(", "),
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_in_order_and_unknown_names_are_kept() {
        let name = crate::all()[0].name.to_string();
        let off = select(&[(name.clone(), false), ("nosuch".into(), true)]);
        assert!(off.enabled.iter().all(|a| a.name != name));
        assert_eq!(off.unknown, ["nosuch"]);
        let warning = unknown_warning(&off.unknown).unwrap();
        assert!(
            warning.contains("\"nosuch\"") && warning.contains(&name),
            "{warning}"
        );
        let on = select(&[(name.clone(), false), (name.clone(), true)]);
        assert!(on.enabled.iter().any(|a| a.name == name));
        let none = select(&[("all".into(), false)]);
        assert!(none.enabled.is_empty() && none.unknown.is_empty());
    }
}

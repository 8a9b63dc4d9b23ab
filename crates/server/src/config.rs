//! The client's settings: `initializationOptions` at start, `workspace/didChangeConfiguration`
//! afterwards (its `settings`, or their `go-analyzer` section). The editors send one shape:
//! `{ analyses, build: { tags, env }, inlayHints, semanticTokens, logLevel }`.
//!
//! Build tags and the GOOS/GOARCH/CGO_ENABLED of `build.env` change which files make up each
//! package, so they are applied on top of the detected toolchain's settings and reach the
//! project model. The other sections belong to features that read them when they exist.
//! Unknown keys and values of the wrong type are reported once as a warning naming what is
//! known, and the rest of the settings still apply.

use std::{collections::BTreeMap, sync::Arc};

use ide::{BuildContext, ProjectSettings};
use serde_json::Value;

/// The names of the analyzers whose findings are shown (and whose fixes are offered).
pub(crate) type EnabledAnalyzers = Arc<ide::AnalyzerNames>;

/// The settings the server acts on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClientSettings {
    /// Extra build tags (`-tags`).
    pub(crate) tags: Vec<String>,
    /// Environment overrides from `build.env`.
    pub(crate) env: BTreeMap<String, String>,
    /// Analyzers switched on or off by name.
    pub(crate) analyses: BTreeMap<String, bool>,
}

const KNOWN_KEYS: [&str; 5] = [
    "analyses",
    "build",
    "inlayHints",
    "semanticTokens",
    "logLevel",
];

impl ClientSettings {
    /// Reads the settings from the client's JSON, with warnings about what was not
    /// understood. `null` (no settings) gives the defaults.
    pub(crate) fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let mut settings = ClientSettings::default();
        let mut warnings = Vec::new();
        // didChangeConfiguration may wrap the section in its name.
        let value = value.get("go-analyzer").unwrap_or(value);
        let Some(object) = value.as_object() else {
            if !value.is_null() {
                warnings.push(format!("settings must be an object, not {value}"));
            }
            return (settings, warnings);
        };
        for key in object.keys() {
            if !KNOWN_KEYS.contains(&key.as_str()) {
                warnings.push(format!(
                    "unknown setting {key:?} ignored; known settings: {}",
                    KNOWN_KEYS.join(", ")
                ));
            }
        }
        if let Some(build) = object.get("build") {
            if let Some(tags) = build.get("tags") {
                match tags.as_array() {
                    Some(tags) => {
                        for tag in tags {
                            match tag.as_str() {
                                Some(t) if !t.is_empty() => settings.tags.push(t.to_string()),
                                _ => warnings.push(format!("build.tags: {tag} is not a tag")),
                            }
                        }
                    }
                    None => warnings.push("build.tags must be a list of strings".to_string()),
                }
            }
            if let Some(env) = build.get("env") {
                match env.as_object() {
                    Some(env) => {
                        for (name, v) in env {
                            let v = match v {
                                Value::String(s) => s.clone(),
                                Value::Number(_) | Value::Bool(_) => v.to_string(),
                                _ => {
                                    warnings.push(format!("build.env.{name}: {v} is not a value"));
                                    continue;
                                }
                            };
                            settings.env.insert(name.clone(), v);
                        }
                    }
                    None => warnings.push("build.env must be an object".to_string()),
                }
            }
        }
        if let Some(analyses) = object.get("analyses") {
            match analyses.as_object() {
                Some(analyses) => {
                    for (name, on) in analyses {
                        match on.as_bool() {
                            Some(on) => {
                                settings.analyses.insert(name.clone(), on);
                            }
                            None => {
                                warnings.push(format!("analyses.{name}: {on} is not true or false"))
                            }
                        }
                    }
                }
                None => warnings.push("analyses must be an object".to_string()),
            }
        }
        (settings, warnings)
    }

    /// The analyzers to show: gopls' defaults with the `analyses` setting on top (`all` first,
    /// so that `{"all": false, "nilfunc": true}` means nilfunc alone), and a warning naming
    /// the known analyzers if some names are not.
    pub(crate) fn analyzers(&self) -> (EnabledAnalyzers, Option<String>) {
        let mut overrides: Vec<(String, bool)> = self
            .analyses
            .iter()
            .map(|(name, on)| (name.clone(), *on))
            .collect();
        overrides.sort_by_key(|(name, _)| name != "all");
        let selection = analyzers::settings::select(&overrides);
        let enabled = selection.enabled.iter().map(|a| a.name).collect();
        (
            Arc::new(enabled),
            analyzers::settings::unknown_warning(&selection.unknown),
        )
    }

    /// The project settings: `detected` (the toolchain's) with these settings on top.
    pub(crate) fn apply(&self, detected: &ProjectSettings) -> ProjectSettings {
        let mut out = detected.clone();
        let build = &detected.build;
        let goos = self.env.get("GOOS").map(String::as_str);
        let goarch = self.env.get("GOARCH").map(String::as_str);
        let cgo = self.env.get("CGO_ENABLED").map(String::as_str);
        if goos.is_some() || goarch.is_some() || cgo.is_some() {
            // A target other than the detected one: cgo follows go/build's default for it
            // unless CGO_ENABLED says otherwise.
            let cross =
                goos.is_some_and(|g| g != build.goos) || goarch.is_some_and(|a| a != build.goarch);
            let cgo = cgo.or(if cross {
                None
            } else if build.cgo_enabled {
                Some("1")
            } else {
                Some("0")
            });
            out.build = BuildContext::host(
                Some(goos.unwrap_or(&build.goos)),
                Some(goarch.unwrap_or(&build.goarch)),
                cgo,
                build.go_version_minor,
                build.tags.clone(),
            );
        }
        for tag in &self.tags {
            if !out.build.tags.contains(tag) {
                out.build.tags.push(tag.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detected() -> ProjectSettings {
        ProjectSettings {
            build: BuildContext::new("linux", "amd64", true, 26, vec!["amd64.v1".into()]),
            ..ProjectSettings::default()
        }
    }

    #[test]
    fn tags_and_target_apply_on_top_of_the_detected_settings() {
        let (settings, warnings) = ClientSettings::from_json(&json!({
            "build": { "tags": ["integration"], "env": { "GOOS": "windows" } },
            "analyses": { "printf": false },
            "logLevel": "debug",
        }));
        assert!(warnings.is_empty(), "{warnings:?}");
        let applied = settings.apply(&detected());
        assert_eq!(applied.build.goos, "windows");
        assert_eq!(applied.build.goarch, "amd64");
        // Cross-compiling turns cgo off, as go/build does.
        assert!(!applied.build.cgo_enabled);
        assert_eq!(applied.build.tags, ["amd64.v1", "integration"]);
        assert_eq!(settings.analyses.get("printf"), Some(&false));
    }

    #[test]
    fn analyses_switch_analyzers_and_unknown_names_are_named() {
        let (defaults, warning) = ClientSettings::default().analyzers();
        assert!(warning.is_none());
        assert!(defaults.contains("nilfunc"));
        let (settings, _) = ClientSettings::from_json(&json!({
            "analyses": { "nilfunc": false, "nosuchcheck": true },
        }));
        let (enabled, warning) = settings.analyzers();
        assert!(!enabled.contains("nilfunc"));
        let warning = warning.expect("an unknown name is reported");
        assert!(
            warning.contains("\"nosuchcheck\"") && warning.contains("nilfunc"),
            "{warning}"
        );
        // `all` applies before the names, whatever their order.
        let (settings, _) = ClientSettings::from_json(&json!({
            "analyses": { "nilfunc": true, "all": false },
        }));
        let (enabled, warning) = settings.analyzers();
        assert!(warning.is_none());
        assert_eq!(enabled.iter().copied().collect::<Vec<_>>(), ["nilfunc"]);
    }

    #[test]
    fn no_settings_change_nothing() {
        let (settings, warnings) = ClientSettings::from_json(&Value::Null);
        assert!(warnings.is_empty());
        assert_eq!(settings.apply(&detected()), detected());
        // The section wrapped in its name, as didChangeConfiguration may send it.
        let (wrapped, _) =
            ClientSettings::from_json(&json!({ "go-analyzer": { "build": { "tags": ["x"] } } }));
        assert_eq!(wrapped.tags, ["x"]);
    }

    #[test]
    fn bad_settings_are_named_and_the_rest_applies() {
        let (settings, warnings) = ClientSettings::from_json(&json!({
            "bulid": {},
            "build": { "tags": ["ok", 3], "env": "GOOS=linux" },
            "analyses": { "printf": "off" },
        }));
        assert_eq!(settings.tags, ["ok"]);
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        assert!(warnings[0].contains("\"bulid\"") && warnings[0].contains("analyses, build"));
    }
}

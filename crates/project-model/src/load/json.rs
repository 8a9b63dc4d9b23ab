//! `go-analyzer list --json`: packages printed as `go list -json` prints them (tab-indented
//! objects, one after another, empty fields left out), so that tools and people can compare
//! the two outputs directly.

use std::fmt::Write;

use super::Package;

/// One package as a `go list -json` object.
pub fn to_go_list_json(package: &Package) -> String {
    let mut out = String::from("{\n");
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "\t\"{name}\": {value},");
    };
    field("Dir", quote(&package.dir.to_string_lossy()));
    field("ImportPath", quote(&package.import_path));
    if !package.name.is_empty() {
        field("Name", quote(&package.name));
    }
    if let Some(module) = &package.module {
        let mut m = format!("{{\n\t\t\"Path\": {}", quote(&module.path));
        if module.main {
            m.push_str(",\n\t\t\"Main\": true");
        }
        if let Some(version) = &module.version {
            let _ = write!(m, ",\n\t\t\"Version\": {}", quote(version));
        }
        if let Some(dir) = &module.dir {
            let _ = write!(m, ",\n\t\t\"Dir\": {}", quote(&dir.to_string_lossy()));
        }
        if let Some(version) = &module.go_version {
            let _ = write!(m, ",\n\t\t\"GoVersion\": {}", quote(version));
        }
        m.push_str("\n\t}");
        field("Module", m);
    }
    if package.standard {
        field("Standard", "true".into());
    }
    for (name, list) in [
        ("GoFiles", &package.go_files),
        ("CgoFiles", &package.cgo_files),
        ("IgnoredGoFiles", &package.ignored_go_files),
        ("InvalidGoFiles", &package.invalid_go_files),
        ("EmbedPatterns", &package.embed_patterns),
        ("Imports", &package.imports),
    ] {
        if !list.is_empty() {
            field(name, string_array(list));
        }
    }
    if !package.import_map.is_empty() {
        let entries: Vec<String> = package
            .import_map
            .iter()
            .map(|(from, to)| format!("\t\t{}: {}", quote(from), quote(to)))
            .collect();
        field("ImportMap", format!("{{\n{}\n\t}}", entries.join(",\n")));
    }
    for (name, list) in [
        ("TestGoFiles", &package.test_go_files),
        ("TestImports", &package.test_imports),
        ("XTestGoFiles", &package.xtest_go_files),
        ("XTestImports", &package.xtest_imports),
        ("DepsErrors", &package.deps_errors),
    ] {
        if !list.is_empty() {
            field(name, string_array(list));
        }
    }
    if let Some(error) = &package.error {
        field("Error", format!("{{\n\t\t\"Err\": {}\n\t}}", quote(error)));
    }
    // Drop the trailing comma of the last field.
    if out.ends_with(",\n") {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
    out.push('}');
    out
}

fn string_array(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("\t\t{}", quote(s))).collect();
    format!("[\n{}\n\t]", inner.join(",\n"))
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

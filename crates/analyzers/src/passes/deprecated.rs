//! deprecated: uses of other packages' objects, and imports of packages, whose doc comment has
//! a "Deprecated: " paragraph.
//!
//! The doc comments of imported objects are read from their declarations' text (the world
//! keeps every checked file's text): the comment lines right above the declaring line, for a
//! spec of a group also the group's, and for a struct field or interface method its line
//! comment too.

use std::collections::HashMap;

use hir::PackageId;
use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use syntax::ast::Expr;

use crate::util::format_expr;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "deprecated",
    doc: "check for use of deprecated identifiers\n\n\
          Reports uses of another package's functions, types, variables, constants, fields \
          and methods whose documentation has a paragraph starting \"Deprecated: \", and \
          imports of packages so documented (see https://go.dev/wiki/Deprecated). A package \
          may use its own deprecated names, and its tests may use them too.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Hint,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let mut objects: HashMap<ObjId, Option<String>> = HashMap::new();
    let mut packages: HashMap<PackageId, Option<String>> = HashMap::new();
    let mut found = Vec::new();
    let own = pass.path().to_string();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let text = &*pass.files[file].text;
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Selector { sel, .. } = expr else {
                continue;
            };
            let Some(obj) = pass.object_of(file, sel) else {
                continue;
            };
            let Some(pkg) = pass.world.obj(obj).pkg else {
                continue;
            };
            if pkg == pass.package || related(&own, &pass.world.package(pkg).path) {
                continue;
            }
            let message = objects
                .entry(obj)
                .or_insert_with(|| object_deprecation(pass, obj));
            if let Some(message) = message {
                let e = syntax::ast::ExprId(i as u32);
                let written = format_expr(ast, text, e);
                found.push((
                    file,
                    ast.expr_range(e),
                    format!("{written} is deprecated: {message}"),
                ));
            }
        }
        for spec in &ast.imports {
            let Some(path) = &spec.path else { continue };
            if related(&own, path) {
                continue;
            }
            let Some(imported) = imported_package(pass, file, spec) else {
                continue;
            };
            let message = packages
                .entry(imported)
                .or_insert_with(|| package_deprecation(pass, imported));
            if let Some(message) = message {
                let written = pass.text(file, spec.path_range);
                found.push((
                    file,
                    spec.path_range,
                    format!("{written} is deprecated: {message}"),
                ));
            }
        }
    }
    for (file, range, message) in found {
        pass.report(file, range, message);
    }
}

/// Whether package `other` is `own`'s package under test: `p_test` uses `p`, and the test
/// main `p.test` uses both.
fn related(own: &str, other: &str) -> bool {
    own.strip_suffix("_test") == Some(other)
        || own.strip_suffix(".test") == Some(other)
        || (own.strip_suffix(".test").is_some()
            && own.strip_suffix(".test") == Some(other.strip_suffix("_test").unwrap_or(other)))
}

fn imported_package(
    pass: &Pass<'_>,
    file: usize,
    spec: &syntax::ast::ImportSpec,
) -> Option<PackageId> {
    let obj = match &spec.name {
        Some(name) => pass.def_of(file, name),
        None => pass
            .info
            .implicits
            .get(&(file as u32, spec.range.start))
            .copied(),
    };
    match obj.map(|o| &pass.world.obj(o).kind) {
        Some(ObjKind::PkgName { imported }) => Some(*imported),
        _ => pass.world.package_by_path(spec.path.as_deref()?),
    }
}

// ---- reading doc comments from the declarations' text ----

/// The deprecation message of object `obj` (the "Deprecated: " paragraph without that
/// prefix), if its documentation has one.
fn object_deprecation(pass: &Pass<'_>, obj: ObjId) -> Option<String> {
    let world = pass.world;
    let o = world.obj(obj);
    let text = &*world.file(o.pos.file?).text;
    let offset = o.pos.offset as usize;
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let above = comment_lines_above(text, line_start);
    let member = match o.kind {
        ObjKind::Var(v) => v.is_field,
        ObjKind::Func { .. } => is_interface_method(pass, obj),
        _ => false,
    };
    if member {
        // A field or interface method: its doc comment, else its line comment.
        if let Some(message) = deprecation(&above) {
            return Some(message);
        }
        let comment = line_comment(line)?;
        return line_deprecation(comment);
    }
    if let Some(message) = deprecation(&above) {
        return Some(message);
    }
    // A spec of a `var (...)`, `const (...)` or `type (...)` group: the group's doc.
    let group = group_opener_above(text, line_start)?;
    deprecation(&comment_lines_above(text, group))
}

fn is_interface_method(pass: &Pass<'_>, obj: ObjId) -> bool {
    let world = pass.world;
    let Type::Signature(sig) = world.ty(world.obj(obj).ty) else {
        return false;
    };
    sig.recv
        .is_some_and(|recv| world.is_interface(world.obj(recv).ty))
}

/// The deprecation message of package `pkg`: its package clause's doc "Deprecated: "
/// paragraph, prefix included (as gopls reports it). Package syscall is exempt.
fn package_deprecation(pass: &Pass<'_>, pkg: PackageId) -> Option<String> {
    let world = pass.world;
    let package = world.package(pkg);
    if &*package.path == "syscall" {
        return None;
    }
    let mut files: Vec<hir::world::FileId> = world
        .scope(package.scope)
        .names
        .values()
        .filter_map(|&o| world.obj(o).pos.file)
        .collect();
    files.sort();
    files.dedup();
    files.into_iter().find_map(|f| {
        let text = &*world.file(f).text;
        let clause = package_clause(text)?;
        let doc = comment_lines_above(text, clause);
        deprecation(&doc).map(|p| format!("Deprecated: {p}"))
    })
}

/// The offset of the line with the package clause.
fn package_clause(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut in_block = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if in_block {
            in_block = !trimmed.contains("*/");
        } else if trimmed.starts_with("/*") && !trimmed.contains("*/") {
            in_block = true;
        } else if trimmed.starts_with("package ") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The `//` comment lines right above the line starting at `line_start` (no blank line in
/// between), in order.
fn comment_lines_above(text: &str, line_start: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end - 1].trim();
        if !line.starts_with("//") {
            break;
        }
        lines.push(line);
        end = start;
    }
    lines.reverse();
    lines
}

/// The start of the `var (`, `const (` or `type (` line whose group contains the line
/// starting at `line_start`, if any: the nearest unindented line above it.
fn group_opener_above(text: &str, line_start: usize) -> Option<usize> {
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end - 1];
        end = start;
        if line.trim().is_empty() || line.starts_with([' ', '\t']) || line.starts_with("//") {
            continue;
        }
        let opens = ["var (", "const (", "type ("]
            .iter()
            .any(|k| line.trim_end().starts_with(k) && line.trim_end().ends_with('('));
        return opens.then_some(start);
    }
    None
}

/// The `//` comment at the end of a line of code, if any (not inside a string).
fn line_comment(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q != '`' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => {
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                } else if line[i..].starts_with("//") {
                    return Some(&line[i..]);
                }
            }
        }
    }
    None
}

/// The "Deprecated: " paragraph of a doc comment, prefix removed; for a comment of one `//`
/// line, the text from "Deprecated: " on, wherever it starts.
fn deprecation(lines: &[&str]) -> Option<String> {
    match lines {
        [line] => line_deprecation(line),
        _ => paragraph(&comment_text(lines)),
    }
}

/// The deprecation in a one-line `//` comment: from "Deprecated: " on, or its paragraph.
fn line_deprecation(comment: &str) -> Option<String> {
    let text = comment_text(&[comment]);
    if let Some(p) = paragraph(&text) {
        return Some(p);
    }
    let at = text.find("Deprecated: ")?;
    Some(text[at + "Deprecated: ".len()..].to_string())
}

/// The paragraph of `text` that starts with "Deprecated: ", without the prefix; as go/ast
/// splits it, the last paragraph keeps its final newline.
fn paragraph(text: &str) -> Option<String> {
    text.split("\n\n")
        .find_map(|p| p.strip_prefix("Deprecated: "))
        .map(str::to_string)
}

/// A comment group's text as go/ast's `CommentGroup.Text` gives it: markers and one space
/// after `//` removed, directives dropped, surrounding blank lines trimmed, runs of blank
/// lines collapsed, newline-terminated.
fn comment_text(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        let Some(body) = line.strip_prefix("//") else {
            continue;
        };
        // Directives (`//go:generate`, `//line`) are not documentation.
        if body.starts_with("go:") || body.starts_with("line ") {
            continue;
        }
        let body = body.strip_prefix(' ').unwrap_or(body).trim_end();
        if body.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(body);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if out.is_empty() {
        return String::new();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "deprecated");
    }

    #[test]
    fn comment_text_and_paragraphs() {
        let text =
            super::comment_text(&["// Doc.", "//", "// Deprecated: use X.", "//", "// More."]);
        assert_eq!(text, "Doc.\n\nDeprecated: use X.\n\nMore.\n");
        assert_eq!(super::paragraph(&text).as_deref(), Some("use X."));
        assert_eq!(
            super::line_deprecation("// Old. Deprecated: use Y.").as_deref(),
            Some("use Y.\n")
        );
    }
}

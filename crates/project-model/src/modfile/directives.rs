//! Argument parsing shared by go.mod and go.work directives (x/mod's rule.go): strings,
//! versions, major-version suffixes, `replace`, `go`, `toolchain`, `godebug`, and the comments
//! attached to a directive. Each error message is the text x/mod produces, without position.

use super::quote::{go_quote, unquote};
use super::syntax::{self, Block, Line, Stmt};
use super::{ModFileError, ReplaceTarget, Span, is_directory_path};
use crate::modules::path::{check_path_major, split_path_version};
use crate::modules::semver;

/// A directive's verb and arguments, borrowed from the line's tokens (quoted strings keep
/// their quotes, as in x/mod).
pub(super) struct Directive<'l> {
    pub verb: &'l str,
    pub args: Vec<&'l str>,
    pub span: Span,
}

impl<'l> Directive<'l> {
    /// A line on its own (`require m v1`) or an entry of a block (`m v1` under `require (`).
    pub fn new(block: Option<&'l Block<'_>>, line: &'l Line<'_>) -> Option<Self> {
        let texts: Vec<&str> = line.tokens.iter().map(|t| t.text).collect();
        let span = Span {
            start: line.start,
            end: line.end,
        };
        match block {
            Some(b) => Some(Directive {
                verb: b.header.first()?.text,
                args: texts,
                span,
            }),
            None => {
                let (verb, args) = texts.split_first()?;
                Some(Directive {
                    verb,
                    args: args.to_vec(),
                    span,
                })
            }
        }
    }
}

/// `verb path: msg`, `verb: msg` or `msg`, as x/mod's Error prefixes a directive's errors.
pub(super) fn with_directive(verb: &str, path: &str, msg: &str) -> String {
    match (verb.is_empty(), path.is_empty()) {
        (_, false) => format!("{verb} {path}: {msg}"),
        (false, true) => format!("{verb}: {msg}"),
        (true, true) => msg.to_string(),
    }
}

/// A string argument: `"quoted"` is unquoted; anything else is taken as is but may not contain
/// a quote character (x/mod reserves them).
pub(super) fn parse_string(tok: &str) -> Result<String, String> {
    if tok.starts_with('"') {
        return unquote(tok);
    }
    if tok.contains(['"', '\'', '`']) {
        return Err("unquoted string cannot contain quote".into());
    }
    Ok(tok.to_string())
}

/// Like [`parse_string`], worded for a directive that expects a string.
pub(super) fn parse_quoted(tok: &str) -> Result<String, String> {
    parse_string(tok).map_err(|e| format!("invalid quoted string: {e}"))
}

/// A module version, canonicalized as x/mod does without a version fixer.
pub(super) fn parse_version(verb: &str, path: &str, tok: &str) -> Result<String, String> {
    let invalid = |v: &str, why: &str| {
        with_directive(
            verb,
            path,
            &format!("version {} invalid: {why}", go_quote(v)),
        )
    };
    let t = parse_string(tok).map_err(|e| invalid(tok, &e))?;
    semver::canonical_module_version(&t).ok_or_else(|| invalid(&t, "must be of the form v1.2.3"))
}

/// The major-version suffix of a module path (`/v2`), or the `invalid module path` error.
pub(super) fn module_path_major(path: &str) -> Result<&str, String> {
    split_path_version(path)
        .map(|(_, major)| major)
        .ok_or_else(|| "invalid module path".to_string())
}

/// Checks a version against its path's major suffix, worded as x/mod words it.
pub(super) fn check_major(
    verb: &str,
    path: &str,
    version: &str,
    major: &str,
) -> Result<(), String> {
    check_path_major(version, major).map_err(|e| {
        with_directive(
            verb,
            path,
            &format!("version {} invalid: {e}", go_quote(version)),
        )
    })
}

/// `old [v] => new [v]` (without the verb).
pub(super) fn parse_replace(
    verb: &str,
    args: &[&str],
) -> Result<(String, Option<String>, ReplaceTarget), String> {
    let arrow = if args.len() >= 2 && args[1] == "=>" {
        1
    } else {
        2
    };
    if args.len() < arrow + 2 || args.len() > arrow + 3 || args[arrow] != "=>" {
        return Err(format!(
            "usage: {verb} module/path [v1.2.3] => other/module v1.4\n\t or {verb} module/path [v1.2.3] => ../local/directory"
        ));
    }
    let old = parse_quoted(args[0])?;
    let major = module_path_major(&old).map_err(|e| with_directive(verb, &old, &e))?;
    let mut old_version = None;
    if arrow == 2 {
        let v = parse_version(verb, &old, args[1])?;
        check_major(verb, &old, &v, major)?;
        old_version = Some(v);
    }
    let new = parse_quoted(args[arrow + 1])?;
    if args.len() == arrow + 2 {
        if !is_directory_path(&new) {
            if new.contains('@') {
                return Err(
                    "replacement module must match format 'path version', not 'path@version'"
                        .into(),
                );
            }
            return Err("replacement module without version must be directory path (rooted or starting with . or ..)".into());
        }
        if !cfg!(windows) && new.contains('\\') {
            return Err(
                "replacement directory appears to be Windows path (on a non-windows system)".into(),
            );
        }
        return Ok((old, old_version, ReplaceTarget::Dir(new)));
    }
    let new_version = parse_version(verb, &new, args[arrow + 2])?;
    if is_directory_path(&new) {
        return Err(format!(
            "replacement module directory path {} cannot have version",
            go_quote(&new)
        ));
    }
    Ok((
        old,
        old_version,
        ReplaceTarget::Module {
            path: new,
            version: new_version,
        },
    ))
}

/// `go 1.22`: x/mod's GoVersionRE, `^[1-9][0-9]*\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$`.
pub(super) fn parse_go(args: &[&str]) -> Result<String, String> {
    let [v] = args else {
        return Err("go directive expects exactly one argument".into());
    };
    if !is_go_version(v) {
        return Err(format!(
            "invalid go version '{v}': must match format 1.23.0"
        ));
    }
    Ok(v.to_string())
}

fn is_go_version(v: &str) -> bool {
    fn num(s: &str, allow_zero: bool) -> Option<&str> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        let digits = &s[..n];
        let ok = n > 0 && (!digits.starts_with('0') || (allow_zero && digits == "0"));
        ok.then(|| &s[n..])
    }
    let Some(rest) = num(v, false).and_then(|r| r.strip_prefix('.')) else {
        return false;
    };
    let Some(mut rest) = num(rest, true) else {
        return false;
    };
    if let Some(r) = rest.strip_prefix('.') {
        match num(r, true) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    if rest.is_empty() {
        return true;
    }
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    let digits = &rest[letters..];
    letters > 0 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `toolchain go1.22.3`: x/mod's ToolchainRE, `^default$|^go1($|\.)`.
pub(super) fn parse_toolchain(args: &[&str]) -> Result<String, String> {
    let [name] = args else {
        return Err("toolchain directive expects exactly one argument".into());
    };
    if *name == "default" || *name == "go1" || name.starts_with("go1.") {
        return Ok(name.to_string());
    }
    Err(format!(
        "invalid toolchain version '{name}': must match format go1.23.0 or default"
    ))
}

/// `godebug key=value`.
pub(super) fn parse_godebug(args: &[&str]) -> Result<(String, String), String> {
    const USAGE: &str = "usage: godebug key=value";
    let [kv] = args else { return Err(USAGE.into()) };
    if kv.contains(['"', '`', '\'', ',']) {
        return Err(USAGE.into());
    }
    let (k, v) = kv.split_once('=').ok_or(USAGE)?;
    Ok((k.to_string(), v.to_string()))
}

/// The comments on a directive (before it and at its end), or on its block when the line has
/// none, one per line without `//` (x/mod's parseDirectiveComment).
pub(super) fn directive_comment(block: Option<&Block<'_>>, line: &Line<'_>) -> String {
    let (before, suffix) = match block {
        Some(b) if line.before.is_empty() && line.suffix.is_none() => (&b.before, b.suffix),
        _ => (&line.before, line.suffix),
    };
    before
        .iter()
        .copied()
        .chain(suffix)
        .map(|c| c.trim_start_matches("//").trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `Deprecated:` paragraph of a comment (x/mod's deprecatedRE).
pub(super) fn deprecation(comment: &str) -> Option<String> {
    comment
        .split("\n\n")
        .find_map(|para| para.strip_prefix("Deprecated:"))
        .map(|msg| msg.trim_start_matches(' ').to_string())
}

/// Whether a requirement's end-of-line comment marks it indirect: `// indirect` or
/// `// indirect; other notes`.
pub(super) fn is_indirect(line: &Line<'_>) -> bool {
    let Some(c) = line.suffix else { return false };
    let fields: Vec<&str> = c.trim_start_matches("//").split_whitespace().collect();
    matches!(fields.as_slice(), ["indirect"]) || (fields.len() > 1 && fields[0] == "indirect;")
}

/// `retract v` or `retract [low, high]`, consuming the interval's tokens from `args`.
pub(super) fn parse_version_interval(args: &mut &[&str]) -> Result<(String, String), String> {
    const VERB: &str = "retract";
    let toks = *args;
    let Some((&first, rest)) = toks.split_first().filter(|(f, _)| **f != "(") else {
        return Err("expected '[' or version".into());
    };
    if first != "[" {
        let v = parse_version(VERB, "", first)?;
        *args = rest;
        return Ok((v.clone(), v));
    }
    let low_tok = rest.first().ok_or("expected version after '['")?;
    let low = parse_version(VERB, "", low_tok)?;
    if rest.get(1) != Some(&",") {
        return Err("expected ',' after version".into());
    }
    let high_tok = rest.get(2).ok_or("expected version after ','")?;
    let high = parse_version(VERB, "", high_tok)?;
    if rest.get(3) != Some(&"]") {
        return Err("expected ']' after version".into());
    }
    *args = &rest[4..];
    Ok((low, high))
}

/// Walks a file in go.mod syntax (go.mod and go.work share it): a block whose verb is not in
/// `block_verbs` is an error; every well-formed directive line goes to `apply`, and the error
/// it returns is recorded at the line. Returns all errors, in file order.
pub(crate) fn for_each_directive<'t>(
    text: &'t str,
    file_name: &str,
    block_verbs: &[&str],
    mut apply: impl FnMut(Option<&Block<'t>>, &Line<'t>, &Directive<'_>) -> Result<(), String>,
) -> Vec<ModFileError> {
    let (stmts, mut errors) = syntax::parse(text, file_name);
    let mut line = |block: Option<&Block<'t>>, line: &Line<'t>, errors: &mut Vec<ModFileError>| {
        if line.is_bad() {
            return;
        }
        let Some(d) = Directive::new(block, line) else {
            return;
        };
        if let Err(message) = apply(block, line, &d) {
            errors.push(ModFileError {
                pos: line.start,
                message,
            });
        }
    };
    for stmt in &stmts {
        match stmt {
            Stmt::Line(l) => line(None, l, &mut errors),
            Stmt::Block(block) => {
                let verb = block.header.first().map_or("", |t| t.text);
                if block.header.len() != 1 || !block_verbs.contains(&verb) {
                    let header: Vec<&str> = block.header.iter().map(|t| t.text).collect();
                    let message = format!("unknown block type: {}", header.join(" "));
                    errors.push(ModFileError {
                        pos: block.start,
                        message,
                    });
                    continue;
                }
                for l in &block.lines {
                    line(Some(block), l, &mut errors);
                }
            }
        }
    }
    errors.sort_by_key(|e| e.pos.offset);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_version_syntax() {
        for v in ["1.21", "1.21.0", "1.21rc1", "1.0", "2.0", "1.21.10"] {
            assert!(is_go_version(v), "{v}");
        }
        for v in [
            "1", "1.21.", "01.2", "1.02", "1.21rc", "1.21-rc1", "v1.21", "1.21.0.1", "1.2.3.4",
        ] {
            assert!(!is_go_version(v), "{v}");
        }
    }
}

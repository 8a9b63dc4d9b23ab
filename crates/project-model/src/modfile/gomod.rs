//! go.mod directives: module, go, toolchain, godebug, require, exclude, replace, retract, tool,
//! ignore (x/mod's `File.add`, strict mode).

use super::directives::{
    Directive, check_major, deprecation, directive_comment, for_each_directive, is_indirect,
    module_path_major, parse_go, parse_godebug, parse_quoted, parse_replace, parse_toolchain,
    parse_version, parse_version_interval, with_directive,
};
use super::syntax::{Block, Line};
use super::{
    Exclude, GoDirective, GoMod, Godebug, ModuleDirective, PathDirective, Replace, Require,
    Retract, ToolchainDirective,
};
use crate::modfile::quote::go_quote;

/// The verbs that may open a block in go.mod.
const BLOCK_VERBS: &[&str] = &[
    "module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore",
];

/// Parses a go.mod file. Never fails: errors are in [`GoMod::errors`], in file order, and
/// every directive without an error is in the result.
pub fn parse_go_mod(text: &str) -> GoMod {
    let mut f = GoMod::default();
    f.errors = for_each_directive(text, "go.mod", BLOCK_VERBS, |block, line, d| {
        add_directive(&mut f, block, line, d)
    });
    f
}

fn add_directive(
    f: &mut GoMod,
    block: Option<&Block<'_>>,
    line: &Line<'_>,
    d: &Directive<'_>,
) -> Result<(), String> {
    let (verb, args, span) = (d.verb, d.args.as_slice(), d.span);
    match verb {
        "go" => {
            if f.go.is_some() {
                return Err("repeated go statement".into());
            }
            f.go = Some(GoDirective {
                version: parse_go(args)?,
                span,
            });
        }
        "toolchain" => {
            if f.toolchain.is_some() {
                return Err("repeated toolchain statement".into());
            }
            f.toolchain = Some(ToolchainDirective {
                name: parse_toolchain(args)?,
                span,
            });
        }
        "module" => {
            if f.module.is_some() {
                return Err("repeated module statement".into());
            }
            let [arg] = args else {
                return Err("usage: module module/path".into());
            };
            let path = parse_quoted(arg)?;
            let deprecated = deprecation(&directive_comment(block, line));
            f.module = Some(ModuleDirective {
                path,
                deprecated,
                span,
            });
        }
        "godebug" => {
            let (key, value) = parse_godebug(args)?;
            f.godebug.push(Godebug { key, value, span });
        }
        "require" | "exclude" => {
            let [path_tok, version_tok] = args else {
                return Err(format!("usage: {verb} module/path v1.2.3"));
            };
            let path = parse_quoted(path_tok)?;
            let version = parse_version(verb, &path, version_tok)?;
            let major = module_path_major(&path)?;
            check_major(verb, &path, &version, major)?;
            if verb == "require" {
                f.require.push(Require {
                    path,
                    version,
                    indirect: is_indirect(line),
                    span,
                });
            } else {
                f.exclude.push(Exclude {
                    path,
                    version,
                    span,
                });
            }
        }
        "replace" => {
            let (old_path, old_version, new) = parse_replace(verb, args)?;
            f.replace.push(Replace {
                old_path,
                old_version,
                new,
                span,
            });
        }
        "retract" => {
            let mut rest = args;
            let (low, high) = parse_version_interval(&mut rest)?;
            if let Some(extra) = rest.first() {
                return Err(format!(
                    "unexpected token after version: {}",
                    go_quote(extra)
                ));
            }
            let rationale = directive_comment(block, line);
            f.retract.push(Retract {
                low,
                high,
                rationale,
                span,
            });
        }
        "tool" | "ignore" => {
            let [arg] = args else {
                return Err(format!("{verb} directive expects exactly one argument"));
            };
            let path = parse_quoted(arg)?;
            let list = if verb == "tool" {
                &mut f.tool
            } else {
                &mut f.ignore
            };
            list.push(PathDirective { path, span });
        }
        _ => {
            return Err(with_directive(
                "",
                "",
                &format!("unknown directive: {verb}"),
            ));
        }
    }
    Ok(())
}

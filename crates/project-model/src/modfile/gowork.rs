//! go.work directives: go, toolchain, godebug, use, replace (x/mod's `WorkFile.add`).

use super::directives::{
    Directive, for_each_directive, parse_go, parse_godebug, parse_quoted, parse_replace,
    parse_toolchain,
};
use super::{GoDirective, GoWork, Godebug, Replace, ToolchainDirective, Use};

/// The verbs that may open a block in go.work.
const BLOCK_VERBS: &[&str] = &["godebug", "use", "replace"];

/// Parses a go.work file. Never fails: errors are in [`GoWork::errors`], in file order, and
/// every directive without an error is in the result.
pub fn parse_go_work(text: &str) -> GoWork {
    let mut f = GoWork::default();
    f.errors = for_each_directive(text, "go.work", BLOCK_VERBS, |_, _, d| {
        add_directive(&mut f, d)
    });
    f
}

fn add_directive(f: &mut GoWork, d: &Directive<'_>) -> Result<(), String> {
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
        "godebug" => {
            let (key, value) = parse_godebug(args)?;
            f.godebug.push(Godebug { key, value, span });
        }
        "use" => {
            let [arg] = args else {
                return Err(format!("usage: {verb} local/dir"));
            };
            f.uses.push(Use {
                path: parse_quoted(arg)?,
                span,
            });
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
        _ => return Err(format!("unknown directive: {verb}")),
    }
    Ok(())
}

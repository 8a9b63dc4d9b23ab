//! go.work directives: go, toolchain, godebug, use, replace (x/mod's `WorkFile.add`).

use super::directives::{
    Directive, parse_go, parse_godebug, parse_quoted, parse_replace, parse_toolchain,
};
use super::syntax::{self, Block, Line, Stmt};
use super::{GoDirective, GoWork, Godebug, ModFileError, Replace, ToolchainDirective, Use};

/// The verbs that may open a block in go.work.
const BLOCK_VERBS: &[&str] = &["godebug", "use", "replace"];

/// Parses a go.work file. Never fails: errors are in [`GoWork::errors`], in file order, and
/// every directive without an error is in the result.
pub fn parse_go_work(text: &str) -> GoWork {
    let (stmts, mut errors) = syntax::parse(text, "go.work");
    let mut f = GoWork::default();
    for stmt in &stmts {
        match stmt {
            Stmt::Line(line) => add(&mut f, &mut errors, None, line),
            Stmt::Block(block) => {
                let verb = block.header.first().map_or("", |t| t.text);
                if block.header.len() != 1 || !BLOCK_VERBS.contains(&verb) {
                    let header: Vec<&str> = block.header.iter().map(|t| t.text).collect();
                    let message = format!("unknown block type: {}", header.join(" "));
                    errors.push(ModFileError {
                        pos: block.start,
                        message,
                    });
                    continue;
                }
                for line in &block.lines {
                    add(&mut f, &mut errors, Some(block), line);
                }
            }
        }
    }
    errors.sort_by_key(|e| e.pos.offset);
    f.errors = errors;
    f
}

fn add(f: &mut GoWork, errors: &mut Vec<ModFileError>, block: Option<&Block<'_>>, line: &Line<'_>) {
    if line.is_bad() {
        return;
    }
    let Some(d) = Directive::new(block, line) else {
        return;
    };
    if let Err(message) = add_directive(f, &d) {
        errors.push(ModFileError {
            pos: line.start,
            message,
        });
    }
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

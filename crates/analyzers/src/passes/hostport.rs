//! hostport: network addresses built as `fmt.Sprintf("%s:%d", host, port)` and passed to
//! `net.Dial`, which break for IPv6 hosts.

use std::collections::HashMap;

use hir::objects::{ObjId, ObjKind};
use syntax::TextRange;
use syntax::ast::{AssignOp, Decl, Expr, ExprId, LitKind, Spec, Stmt};

use crate::util::{is_func, line_of, string_constant};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "hostport",
    doc: "check format of addresses passed to net.Dial\n\n\
          An address made by fmt.Sprintf(\"%s:%d\", host, port) or fmt.Sprintf(\"%s:%s\", host, \
          port) is wrong when host is an IPv6 address, which needs brackets around it. When \
          such an address reaches net.Dial, net.DialTimeout or (*net.Dialer).Dial, directly or \
          through a variable initialized with it, this analyzer reports the format string and \
          suggests net.JoinHostPort(host, port) instead, which adds the brackets when needed.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// A call of a dial function: its file, the call, and its address argument.
struct DialCall {
    file: usize,
    call: ExprId,
    address: ExprId,
    /// The call's argument count.
    args: usize,
}

fn run(pass: &mut Pass<'_>) {
    let dials = dial_calls(pass);
    if dials.is_empty() {
        return;
    }
    let inits = initializers(pass);
    for dial in dials {
        let ast = pass.ast(dial.file);
        match ast.expr(dial.address) {
            // net.Dial("tcp", fmt.Sprintf(...)); go vet skips the call unless it has exactly two
            // arguments (so net.DialTimeout's three are never looked at here).
            Expr::Call { .. } if dial.args == 2 => {
                check_address(pass, dial.file, dial.address, None);
            }
            // addr := fmt.Sprintf(...); ...; net.Dial("tcp", addr)
            Expr::Name(name) => {
                let Some(var) = pass.object_of(dial.file, name) else {
                    continue;
                };
                if !matches!(pass.world.obj(var).kind, ObjKind::Var(_)) {
                    continue;
                }
                let Some(&(file, init)) = inits.get(&var) else {
                    continue;
                };
                let text = &pass.files[dial.file].text;
                let line = line_of(text, ast.expr_range(dial.call).start);
                check_address(pass, file, init, Some(line));
            }
            _ => {}
        }
    }
}

/// Every call of `net.Dial`, `net.DialTimeout` and `(*net.Dialer).Dial` in the package that has
/// an address argument.
fn dial_calls(pass: &Pass<'_>) -> Vec<DialCall> {
    let mut out = Vec::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Call { args, .. } = expr else {
                continue;
            };
            let call = ExprId(i as u32);
            let Some(callee) = pass.callee(file, call) else {
                continue;
            };
            if !is_dial(pass, callee) {
                continue;
            }
            // The address is the second argument (of a method expression call too, as in go
            // vet); a spread call f(g()) has none.
            let Some(&address) = args.get(1) else {
                continue;
            };
            out.push(DialCall {
                file,
                call,
                address,
                args: args.len(),
            });
        }
    }
    out
}

fn is_dial(pass: &Pass<'_>, callee: ObjId) -> bool {
    let world = pass.world;
    is_func(world, callee, "net", "Dial")
        || is_func(world, callee, "net", "DialTimeout")
        || (&*world.obj(callee).name == "Dial"
            && pass.full_name(callee).as_deref() == Some("(*net.Dialer).Dial"))
}

/// For each variable the package declares with one initial value (`x := e`, `var x = e`, the
/// statement or spec having a single right-hand expression), the file and that expression.
fn initializers(pass: &Pass<'_>) -> HashMap<ObjId, (usize, ExprId)> {
    let mut out = HashMap::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for stmt in &ast.stmts {
            let Stmt::Assign {
                lhs,
                op: AssignOp::Define,
                rhs,
            } = stmt
            else {
                continue;
            };
            let [value] = rhs.as_slice() else {
                continue;
            };
            for &left in lhs {
                // Redeclared names are uses, not definitions, and are skipped.
                if let Expr::Name(name) = ast.expr(left)
                    && let Some(var) = pass.def_of(file, name)
                {
                    out.insert(var, (file, *value));
                }
            }
        }
        for decl in &ast.decl_data {
            let Decl::Gen(gen_decl) = decl else {
                continue;
            };
            for spec in &gen_decl.specs {
                let Spec::Value { names, values, .. } = spec else {
                    continue;
                };
                let [value] = values.as_slice() else {
                    continue;
                };
                for name in names {
                    if let Some(var) = pass.def_of(file, name) {
                        out.insert(var, (file, *value));
                    }
                }
            }
        }
    }
    out
}

/// Reports `e` if it is `fmt.Sprintf("%s:%d", host, port)` or `fmt.Sprintf("%s:%s", host,
/// port)`, with a fix to `net.JoinHostPort`. `dial_line` is the line of the dial call when the
/// address reaches it through a variable.
fn check_address(pass: &mut Pass<'_>, file: usize, e: ExprId, dial_line: Option<usize>) {
    let ast = pass.ast(file);
    let Expr::Call { fun, args, .. } = ast.expr(e) else {
        return;
    };
    let &[format_arg, host, port] = args.as_slice() else {
        return;
    };
    let Some(callee) = pass.callee(file, e) else {
        return;
    };
    if !is_func(pass.world, callee, "fmt", "Sprintf") {
        return;
    }
    let Some(format) = string_constant(pass, file, format_arg) else {
        return;
    };
    let numeric_port = match format.as_str() {
        "%s:%d" => true,
        "%s:%s" => false,
        _ => return,
    };

    // Small edits, so the arguments keep their formatting.
    let format_range = ast.expr_range(format_arg);
    let mut edits = vec![
        edit(file, ast.expr_range(*fun), "net.JoinHostPort"),
        edit(
            file,
            TextRange::new(format_range.start, ast.expr_range(host).start),
            "",
        ),
    ];
    if numeric_port {
        let port_range = ast.expr_range(port);
        match int_literal(ast.expr(port)) {
            // Only a literal becomes a string literal: a named constant would lose its name.
            Some(n) => edits.push(edit(file, port_range, &format!("\"{n}\""))),
            None => {
                let start = TextRange::new(port_range.start, port_range.start);
                let end = TextRange::new(port_range.end, port_range.end);
                edits.push(edit(file, start, "fmt.Sprintf(\"%d\", "));
                edits.push(edit(file, end, ")"));
            }
        }
    }

    let suffix = match dial_line {
        Some(line) => format!(" (passed to net.Dial at L{line})"),
        None => String::new(),
    };
    let message = format!("address format \"{format}\" does not work with IPv6{suffix}");
    let fix = Fix {
        message: "Replace fmt.Sprintf with net.JoinHostPort".to_string(),
        edits,
    };
    pass.report_with_fixes(file, format_range, message, vec![fix]);
}

fn edit(file: usize, range: TextRange, new_text: &str) -> Edit {
    Edit {
        file,
        range,
        new_text: new_text.to_string(),
    }
}

/// The value of an integer literal that fits in an i64 (as strconv.ParseInt with base 0 reads
/// it: `0x7B`, `0o173`, `0173`, `1_000`).
fn int_literal(e: &Expr) -> Option<i64> {
    let Expr::BasicLit {
        kind: LitKind::Int,
        value,
    } = e
    else {
        return None;
    };
    let digits: String = value.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1
        && let Some(rest) = lower.strip_prefix('0')
    {
        (8, rest)
    } else {
        (10, lower.as_str())
    };
    // from_str_radix takes a sign, a literal never has one.
    if body.is_empty() || body.starts_with(['+', '-']) {
        return None;
    }
    i64::from_str_radix(body, radix).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "hostport");
    }
}

//! unusedvariable: the checker's "declared and not used" errors, with a fix that deletes the
//! variable (or blanks it out when its initializer must stay for its effects).
//!
//! The deletion helpers here (of a statement, a spec, a declaration, one variable of a
//! declaration) are shared with unusedfunc; they work on the text, since the AST keeps no
//! comments: a deleted line takes its trailing comment with it, a deleted spec its doc.

use syntax::TextRange;
use syntax::ast::{AssignOp, Decl, Expr, ExprId, GenDecl, Spec, Stmt, StmtId};

use crate::util::no_effects;

use crate::walk::{Node, enclosing_path};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unusedvariable",
    doc: "check for unused variables and suggest fixes\n\n\
          Offers a quick fix on the compiler's \"declared and not used\" error: the variable's \
          declaration is deleted, with its whole statement when nothing else needs it, or the \
          variable is replaced by the blank identifier when its initializer has effects.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: true,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for error in pass.errors {
        let Some(name) = unused_name(&error.message) else {
            continue;
        };
        let file = error.file;
        if file >= pass.files.len() || pass.text(file, error.range) != name {
            continue;
        }
        let edits = delete_var(pass, file, error.range);
        if edits.is_empty() {
            continue;
        }
        let fix = Fix {
            message: format!("Remove variable {name}"),
            edits,
        };
        pass.report_with_fixes(file, error.range, error.message.clone(), vec![fix]);
    }
}

/// The variable named by a "declared and not used" message (both of go/types' wordings).
fn unused_name(message: &str) -> Option<&str> {
    let name = message
        .strip_prefix("declared and not used: ")
        .or_else(|| message.strip_suffix(" declared and not used"))?;
    Some(name.trim_matches(['`', '\'']))
}

// ---- deleting declarations ----

/// Edits that delete the declaration of the variable (or constant) whose name is at `name`:
/// in a `var`/`const` spec or on the left of an assignment; none elsewhere (parameters,
/// range variables, type switch bindings).
pub(crate) fn delete_var(pass: &Pass<'_>, file: usize, name: TextRange) -> Vec<Edit> {
    let ast = pass.ast(file);
    let path = enclosing_path(ast, name);
    let Some((&last, parents)) = path.split_last() else {
        return Vec::new();
    };
    match last {
        Node::Expr(e) if matches!(ast.expr(e), Expr::Name(_)) => {
            let Some((&Node::Stmt(stmt), grand)) = parents.split_last() else {
                return Vec::new();
            };
            let Stmt::Assign { lhs, op, rhs } = ast.stmt(stmt) else {
                return Vec::new();
            };
            let Some(index) = lhs.iter().position(|&l| l == e) else {
                return Vec::new();
            };
            let parent = grand.last().copied();
            delete_from_assign(pass, file, stmt, parent, lhs, *op, rhs, index)
        }
        Node::Decl(d) => {
            let Decl::Gen(gen_decl) = ast.decl(d) else {
                return Vec::new();
            };
            let Some((spec, index)) = spec_of(gen_decl, name) else {
                return Vec::new();
            };
            delete_from_spec(pass, file, &path, d, spec, index)
        }
        _ => Vec::new(),
    }
}

/// The spec of `decl` declaring the name at `name`, and the name's index in it.
fn spec_of(decl: &GenDecl, name: TextRange) -> Option<(usize, usize)> {
    decl.specs
        .iter()
        .enumerate()
        .find_map(|(i, spec)| match spec {
            Spec::Value { names, .. } => names
                .iter()
                .position(|n| n.range == name)
                .map(|index| (i, index)),
            Spec::Type { .. } => None,
        })
}

fn delete_from_spec(
    pass: &Pass<'_>,
    file: usize,
    path: &[Node],
    decl: syntax::ast::DeclId,
    spec_index: usize,
    index: usize,
) -> Vec<Edit> {
    let ast = pass.ast(file);
    let Decl::Gen(gen_decl) = ast.decl(decl) else {
        return Vec::new();
    };
    let Some(Spec::Value { names, values, .. }) = gen_decl.specs.get(spec_index) else {
        return Vec::new();
    };
    let others = names
        .iter()
        .enumerate()
        .any(|(i, n)| i != index && !n.is_blank());
    let effects = values.iter().any(|&v| !no_effects(pass, file, v));
    if !others && !effects {
        return delete_spec(pass, file, path, decl, spec_index);
    }
    let edit = |range: TextRange, new_text: &str| Edit {
        file,
        range,
        new_text: new_text.to_string(),
    };
    let last = index + 1 == names.len();
    if values.is_empty() {
        // `var a, b T`: drop one name with its comma.
        let range = if last && index > 0 {
            TextRange::new(names[index - 1].range.end, names[index].range.end)
        } else if !last {
            TextRange::new(names[index].range.start, names[index + 1].range.start)
        } else {
            return Vec::new();
        };
        return vec![edit(range, "")];
    }
    if names.len() == values.len() && no_effects(pass, file, values[index]) {
        let value_range = |i: usize| ast.expr_range(values[i]);
        return if last && index > 0 {
            vec![
                edit(
                    TextRange::new(names[index - 1].range.end, names[index].range.end),
                    "",
                ),
                edit(
                    TextRange::new(value_range(index - 1).end, value_range(index).end),
                    "",
                ),
            ]
        } else if !last {
            vec![
                edit(
                    TextRange::new(names[index].range.start, names[index + 1].range.start),
                    "",
                ),
                edit(
                    TextRange::new(value_range(index).start, value_range(index + 1).start),
                    "",
                ),
            ]
        } else {
            Vec::new()
        };
    }
    // The initializers must stay: blank the name out.
    vec![edit(names[index].range, "_")]
}

#[allow(clippy::too_many_arguments)]
fn delete_from_assign(
    pass: &Pass<'_>,
    file: usize,
    stmt: StmtId,
    parent: Option<Node>,
    lhs: &[ExprId],
    op: AssignOp,
    rhs: &[ExprId],
    index: usize,
) -> Vec<Edit> {
    let ast = pass.ast(file);
    let is_other_name =
        |i: usize, e: ExprId| i != index && matches!(ast.expr(e), Expr::Name(n) if !n.is_blank());
    let others = lhs.iter().enumerate().any(|(i, &e)| is_other_name(i, e));
    let effects = rhs.iter().any(|&v| !no_effects(pass, file, v));
    if !others
        && !effects
        && let Some(edits) = delete_stmt(pass, file, stmt, parent)
    {
        return edits;
    }
    let edit = |range: TextRange, new_text: &str| Edit {
        file,
        range,
        new_text: new_text.to_string(),
    };
    let range = |e: ExprId| ast.expr_range(e);
    if lhs.len() > 1 && lhs.len() == rhs.len() && no_effects(pass, file, rhs[index]) {
        return if index + 1 == lhs.len() {
            vec![
                edit(
                    TextRange::new(range(lhs[index - 1]).end, range(lhs[index]).end),
                    "",
                ),
                edit(
                    TextRange::new(range(rhs[index - 1]).end, range(rhs[index]).end),
                    "",
                ),
            ]
        } else {
            vec![
                edit(
                    TextRange::new(range(lhs[index]).start, range(lhs[index + 1]).start),
                    "",
                ),
                edit(
                    TextRange::new(range(rhs[index]).start, range(rhs[index + 1]).start),
                    "",
                ),
            ]
        };
    }
    let mut edits = vec![edit(range(lhs[index]), "_")];
    // With no variable left to declare, `:=` must become `=`.
    if !others && op == AssignOp::Define {
        let (from, to) = (range(lhs[index]).end, range(rhs[0]).start);
        let between = pass.text(file, TextRange::new(from, to));
        if let Some(at) = between.find(":=") {
            let at = from + at as u32;
            edits.push(edit(TextRange::new(at, at + 2), "="));
        }
    }
    edits
}

/// Edits that delete spec `index` of `decl` (the whole declaration if it is the only one),
/// with its doc comment and, for the last spec, its line comment.
pub(crate) fn delete_spec(
    pass: &Pass<'_>,
    file: usize,
    path: &[Node],
    decl: syntax::ast::DeclId,
    index: usize,
) -> Vec<Edit> {
    let ast = pass.ast(file);
    let Decl::Gen(gen_decl) = ast.decl(decl) else {
        return Vec::new();
    };
    if gen_decl.specs.len() == 1 {
        return delete_decl(pass, file, path, decl);
    }
    let Some(spec) = gen_decl.specs.get(index) else {
        return Vec::new();
    };
    let text = &*pass.files[file].text;
    let range = spec_range(spec);
    let start = doc_start(text, range.start).unwrap_or(range.start);
    let end = match gen_decl.specs.get(index + 1) {
        Some(next) => spec_range(next).start,
        None => line_comment_end(text, range.end).unwrap_or(range.end),
    };
    vec![Edit {
        file,
        range: TextRange::new(start, end),
        new_text: String::new(),
    }]
}

/// Edits that delete declaration `decl`: as a statement inside a function (`path` leads to
/// it), with its doc comment and line comment at package level.
pub(crate) fn delete_decl(
    pass: &Pass<'_>,
    file: usize,
    path: &[Node],
    decl: syntax::ast::DeclId,
) -> Vec<Edit> {
    let ast = pass.ast(file);
    // Inside a function the declaration is a statement: delete that.
    if let Some(i) = path.iter().position(|&n| n == Node::Decl(decl))
        && i > 0
        && let Node::Stmt(stmt) = path[i - 1]
    {
        let parent = i.checked_sub(2).map(|p| path[p]);
        return delete_stmt(pass, file, stmt, parent).unwrap_or_default();
    }
    let text = &*pass.files[file].text;
    let (range, doc) = match ast.decl(decl) {
        Decl::Func(f) => (f.range, f.doc),
        Decl::Gen(g) => (g.range, g.doc),
    };
    let start = doc
        .and_then(|d| own_line_doc(text, d))
        .map_or(range.start, |d| d.start.min(range.start));
    let end = line_comment_end(text, range.end).unwrap_or(range.end);
    vec![Edit {
        file,
        range: TextRange::new(start, end),
        new_text: String::new(),
    }]
}

/// `doc` if it starts on a line of its own: the AST's doc range of a declaration also takes
/// in a comment that trails the previous declaration on the line above.
pub(crate) fn own_line_doc(text: &str, doc: TextRange) -> Option<TextRange> {
    let before = text.get(..doc.start as usize)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].trim().is_empty().then_some(doc)
}

fn spec_range(spec: &Spec) -> TextRange {
    match spec {
        Spec::Value { range, .. } | Spec::Type { range, .. } => *range,
    }
}

/// Edits that delete statement `stmt` (whose parent in the tree is `parent`): whole lines
/// when nothing else is on them, trailing comments included; `None` where a statement
/// cannot simply go (an `else` block, a select case's communication, a labeled statement).
pub(crate) fn delete_stmt(
    pass: &Pass<'_>,
    file: usize,
    stmt: StmtId,
    parent: Option<Node>,
) -> Option<Vec<Edit>> {
    let ast = pass.ast(file);
    match parent? {
        Node::Stmt(p) => match ast.stmt(p) {
            Stmt::Block { .. } | Stmt::Switch { .. } | Stmt::TypeSwitch { .. } => {}
            Stmt::If { init, .. } if *init == Some(stmt) => {}
            Stmt::For { init, post, .. } if *init == Some(stmt) || *post == Some(stmt) => {}
            Stmt::Select { clauses } if clauses.iter().all(|c| c.comm != Some(stmt)) => {}
            _ => return None,
        },
        _ => return None,
    }
    let text = &*pass.files[file].text;
    let range = ast.stmt_range(stmt);
    let line_start = text[..range.start as usize]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let alone_left = text[line_start..range.start as usize].trim().is_empty();
    let rest_end = text[range.end as usize..]
        .find('\n')
        .map_or(text.len(), |i| range.end as usize + i);
    let rest = text[range.end as usize..rest_end].trim();
    let alone_right = rest.is_empty() || rest.starts_with("//");
    let start = if alone_left {
        line_start as u32
    } else {
        range.start
    };
    let end = match (alone_left, alone_right) {
        // The whole line goes, with its newline.
        (true, true) => (rest_end + 1).min(text.len()) as u32,
        // Something precedes on the line: keep the newline.
        (false, true) => rest_end as u32,
        (_, false) => range.end,
    };
    Some(vec![Edit {
        file,
        range: TextRange::new(start, end),
        new_text: String::new(),
    }])
}

/// The start of the doc comment directly above the line of `offset` (comment lines with no
/// blank line between them and the declaration).
pub(crate) fn doc_start(text: &str, offset: u32) -> Option<u32> {
    let mut line_start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let mut found = None;
    while line_start > 0 {
        let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[prev_start..line_start - 1];
        let trimmed = line.trim_start();
        if !trimmed.starts_with("//") {
            break;
        }
        found = Some((prev_start + (line.len() - trimmed.len())) as u32);
        line_start = prev_start;
    }
    found
}

/// The end of a `//` comment following `offset` on its line, if there is one.
pub(crate) fn line_comment_end(text: &str, offset: u32) -> Option<u32> {
    let rest = &text[offset as usize..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let trimmed = line.trim_start();
    (trimmed.starts_with("//")).then(|| offset + line.trim_end().len() as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unusedvariable");
    }
}

//! Syntax errors worded the way Go's compiler words them.
//!
//! tree-sitter reports trouble as ERROR nodes (input it could not fit) and MISSING nodes
//! (tokens it invented to recover). Neither reads well to a Go programmer, so we translate:
//! the unexpected token is described as cmd/compile describes it (`newline`, `name x`,
//! `literal 42`, `keyword func`, `)`), and the enclosing construct supplies what was expected
//! (`in argument list; possibly missing comma or )`). Like the compiler, we report at most one
//! syntax error per line: the first one is the cause, the rest are usually echoes.

use tree_sitter::{Node, Tree};

use crate::{SyntaxError, lexer};

pub(crate) fn collect(text: &str, tree: &Tree) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    let root = tree.root_node();
    if !root.has_error() {
        top_level_statements(text, root, &mut errors);
        return errors;
    }
    // Iterative walk: a tree can be 100,000 levels deep, and recursion would overflow the stack.
    // We keep the ancestors ourselves: `Node::parent` is unreliable for zero-width MISSING nodes
    // at the end of a file, which tree-sitter may attach to an outer node.
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'_>> = Vec::new();
    // The previous sibling, tracked here because `Node::prev_sibling` scans from the parent's
    // first child: asking it for every error would be quadratic in a long block.
    let mut prev: Option<Node<'_>> = None;
    'walk: loop {
        let node = cursor.node();
        let parent = ancestors.last().copied();
        let mut descend = false;
        if node.is_error() {
            error_node(text, node, parent, prev, &mut errors);
        } else if node.is_missing() {
            errors.push(missing_node(text, node, parent));
        } else if node.has_error() {
            descend = true;
        }
        if descend && cursor.goto_first_child() {
            ancestors.push(node);
            prev = None;
            continue;
        }
        prev = Some(node);
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
            prev = ancestors.pop();
        }
    }
    top_level_statements(text, root, &mut errors);
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    dedup_per_line(text, errors)
}

fn dedup_per_line(text: &str, errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
    let mut out: Vec<SyntaxError> = Vec::with_capacity(errors.len());
    let mut last_line = None;
    for error in errors {
        let line = text.as_bytes()[..(error.range.start as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        if last_line != Some(line) {
            last_line = Some(line);
            out.push(error);
        }
    }
    out
}

/// What tree-sitter-go accepts at the top level and Go does not: statements (accepted there to
/// recover better), a file that does not start with its package clause, and imports after
/// other declarations.
fn top_level_statements(text: &str, root: Node<'_>, errors: &mut Vec<SyntaxError>) {
    let mut cursor = root.walk();
    let mut first = true;
    // Whether the declaration before is an import (or the package clause); like go/parser, we
    // complain about the first import of each run of imports that follows other declarations.
    let mut after_imports = true;
    // What follows an import without a path belongs to it, as go/parser skips it (`import ;`).
    let mut swallowed = false;
    for child in root.named_children(&mut cursor) {
        // An import without a path (the ERROR may be an extra, skipped like a comment).
        if child.is_error() && lexer::token_at(text, child.start_byte() as u32).text == "import" {
            after_imports = true;
            swallowed = true;
        }
        if child.is_extra() {
            continue;
        }
        if first && child.kind() != "package_clause" {
            errors.push(SyntaxError {
                range: crate::TextRange::empty(child.start_byte() as u32),
                message: "syntax error: package statement must be first".into(),
            });
            return;
        }
        first = false;
        let declaration = matches!(
            child.kind(),
            "package_clause"
                | "import_declaration"
                | "function_declaration"
                | "method_declaration"
                | "const_declaration"
                | "var_declaration"
                | "type_declaration"
                | "ERROR"
        );
        match child.kind() {
            "package_clause" | "ERROR" => {}
            _ if std::mem::take(&mut swallowed) => {}
            "import_declaration" => {
                if !after_imports {
                    errors.push(SyntaxError {
                        range: crate::TextRange::empty(child.start_byte() as u32),
                        message: "syntax error: imports must appear before other declarations"
                            .into(),
                    });
                }
                after_imports = true;
            }
            _ => after_imports = false,
        }
        if !declaration {
            errors.push(SyntaxError {
                range: crate::TextRange::new(child.start_byte() as u32, child.end_byte() as u32),
                message: "syntax error: non-declaration statement outside function body".into(),
            });
        }
    }
    if first {
        // Nothing but comments, or nothing at all: the compiler reports at the end.
        errors.push(SyntaxError {
            range: crate::TextRange::empty(text.len() as u32),
            message: "syntax error: package statement must be first".into(),
        });
    }
}

/// An ERROR node: input the grammar could not place. A lexical error inside it (an unterminated
/// string, say) is the real cause. If it ends in a token that needs something after it (`x +`,
/// `x.`, `package`), what follows is the unexpected token. Otherwise its first token is.
fn error_node(
    text: &str,
    node: Node<'_>,
    parent: Option<Node<'_>>,
    prev: Option<Node<'_>>,
    errors: &mut Vec<SyntaxError>,
) {
    let (start, end) = (node.start_byte() as u32, node.end_byte() as u32);
    let tokens = lexer::tokens_in(text, start, end);
    if let Some(bad) = tokens.iter().find(|t| t.lexical_error().is_some()) {
        errors.push(SyntaxError {
            range: bad.range,
            message: bad.lexical_error().unwrap_or_default().to_string(),
        });
        return;
    }
    let significant: Vec<_> = tokens
        .iter()
        .filter(|t| t.kind != lexer::TokenKind::Newline)
        .collect();
    match known_error(text, node, parent, prev, &significant) {
        Known::Reported => return,
        Known::Error(error) => {
            errors.push(error);
            return;
        }
        Known::No => {}
    }
    errors.push(generic_error(text, node, parent, prev, &significant));
}

/// What [`known_error`] found.
enum Known {
    /// Not a case it knows: the generic description applies.
    No,
    /// Lowering reports this one (it needs the AST's view).
    Reported,
    Error(SyntaxError),
}

/// ERROR nodes that stand for a construct go/parser accepts and then rejects by name (a missing
/// import path or `if` condition, an index missing in `a[]`), worded as the compilers word them
/// and placed where go/parser places them.
fn known_error(
    text: &str,
    node: Node<'_>,
    parent: Option<Node<'_>>,
    prev: Option<Node<'_>>,
    significant: &[&lexer::Token<'_>],
) -> Known {
    let context = parent.map_or("source_file", |p| p.kind());
    let end = node.end_byte() as u32;
    let error = |range, message: &str| {
        Known::Error(SyntaxError {
            range,
            message: format!("syntax error: {message}"),
        })
    };
    let is = |i: usize, kind: lexer::TokenKind, s: &str| {
        significant
            .get(i)
            .is_some_and(|t| t.kind == kind && t.text == s)
    };
    let (keyword, operator) = (lexer::TokenKind::Keyword, lexer::TokenKind::Operator);
    // `a[: :]`: a 3-index slice missing an index (see `lower`).
    if context == "slice_expression"
        && significant.len() == 1
        && is(0, operator, ":")
        && parent.is_some_and(|p| crate::lower::slice_missing_index(p).is_some())
    {
        return Known::Reported;
    }
    // `import ;`, `import .`, `import 'x'`, `import (.)`: the spec has no path.
    let import_keyword = is(0, keyword, "import") && context == "source_file";
    if import_keyword || context == "import_spec_list" {
        let rest = &significant[usize::from(import_keyword)..];
        let named = match rest {
            [] => true,
            [name] => name.kind == lexer::TokenKind::Name || name.text == ".",
            _ => false,
        };
        if named {
            let last = significant.last().copied();
            let next = lexer::token_after(text, end, last);
            let string = next.text.starts_with(['"', '`']);
            if next.kind == lexer::TokenKind::Literal && !string {
                return error(next.range, "import path must be a string");
            }
            if !string {
                return error(next.range, "missing import path");
            }
        }
    }
    // `if {`: the condition is missing.
    if significant.len() == 1 && is(0, keyword, "if") {
        let next = lexer::token_after(text, end, significant.first().copied());
        if next.text == "{" {
            return error(next.range, "missing condition in if statement");
        }
    }
    // `func f[]()`: type parameters that are not there.
    if matches!(context, "function_declaration" | "method_declaration")
        && significant.len() == 2
        && is(0, operator, "[")
        && is(1, operator, "]")
    {
        return error(significant[1].range, "empty type parameter list");
    }
    // `a[]`: an index expression without its index.
    if is(0, operator, "[") && is(1, operator, "]") && follows_on_same_line(text, node, prev) {
        return error(significant[1].range, "unexpected ], expected operand");
    }
    Known::No
}

/// The description of an ERROR node no [`known_error`] case covers: the unexpected token and,
/// where the enclosing construct tells, what was expected.
fn generic_error(
    text: &str,
    node: Node<'_>,
    parent: Option<Node<'_>>,
    prev: Option<Node<'_>>,
    significant: &[&lexer::Token<'_>],
) -> SyntaxError {
    let (start, end) = (node.start_byte() as u32, node.end_byte() as u32);
    if let Some(last) = significant.last()
        && let Some(expected) = last.expects_after()
    {
        let next = lexer::token_after(text, end, Some(*last));
        return SyntaxError {
            range: next.range,
            message: format!(
                "syntax error: unexpected {}, expected {expected}",
                next.describe()
            ),
        };
    }
    let token = lexer::token_at(text, start);
    let context = parent.map(|p| p.kind()).unwrap_or("source_file");
    let unexpected = token.describe();
    let message = match context {
        "source_file" if !token.starts_declaration() => {
            if token.is_eof() {
                format!("syntax error: unexpected {unexpected}")
            } else {
                "syntax error: non-declaration statement outside function body".to_string()
            }
        }
        _ => match expectation(context) {
            Some(expected) => format!("syntax error: unexpected {unexpected}{expected}"),
            None if follows_on_same_line(text, node, prev) => {
                format!("syntax error: unexpected {unexpected} at end of statement")
            }
            None => format!("syntax error: unexpected {unexpected}"),
        },
    };
    SyntaxError {
        range: token.range,
        message,
    }
}

/// A MISSING node: a token tree-sitter had to invent. An unterminated literal around it is the
/// real cause; otherwise we report the token actually found there.
fn missing_node(text: &str, node: Node<'_>, parent: Option<Node<'_>>) -> SyntaxError {
    let at = node.start_byte() as u32;
    if let Some(parent) = parent {
        let tokens = lexer::tokens_in(
            text,
            parent.start_byte() as u32,
            at.max(parent.end_byte() as u32),
        );
        if let Some(bad) = tokens.iter().find(|t| t.lexical_error().is_some()) {
            return SyntaxError {
                range: bad.range,
                message: bad.lexical_error().unwrap_or_default().to_string(),
            };
        }
    }
    let line_start = text[..(at as usize).min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i as u32 + 1);
    let prev = lexer::tokens_in(text, line_start, at).into_iter().last();
    let context = parent.map(|p| p.kind()).unwrap_or("source_file");
    // `if x := 0; {`: the condition after the init statement is missing.
    if let Some(semi) = &prev
        && context == "if_statement"
        && semi.text == ";"
    {
        return SyntaxError {
            range: semi.range,
            message: "syntax error: missing condition in if statement".into(),
        };
    }
    let found = lexer::token_after(text, at, prev.as_ref());
    let unexpected = found.describe();
    // `T[]` as a type: cmd/compile's typeInstance wants type arguments.
    let in_type_args = parent
        .and_then(|p| p.parent())
        .is_some_and(|g| g.kind() == "type_arguments");
    if context == "type_elem"
        && in_type_args
        && found.text == "]"
        && prev.as_ref().is_some_and(|p| p.text == "[")
    {
        return SyntaxError {
            range: found.range,
            message: format!("syntax error: unexpected {unexpected}, expected type argument list"),
        };
    }
    let message = match expectation(context) {
        Some(expected) if matches!(node.kind(), "," | ")" | "}" | "]") => {
            format!("syntax error: unexpected {unexpected}{expected}")
        }
        _ => format!(
            "syntax error: unexpected {unexpected}, expected {}",
            describe_kind(node.kind())
        ),
    };
    SyntaxError {
        range: found.range,
        message,
    }
}

/// What the enclosing list construct expected, worded as cmd/compile words it.
fn expectation(context: &str) -> Option<&'static str> {
    Some(match context {
        "argument_list" | "special_argument_list" => {
            " in argument list; possibly missing comma or )"
        }
        "parameter_list" => " in parameter list; possibly missing comma or )",
        "type_parameter_list" => " in type parameter list; possibly missing comma or ]",
        "literal_value" => " in composite literal; possibly missing comma or }",
        "type_arguments" => " in type argument list; possibly missing comma or ]",
        "field_declaration_list" => " in struct type; possibly missing semicolon or newline or }",
        "interface_type" => " in interface type; possibly missing semicolon or newline or }",
        _ => return None,
    })
}

/// Whether the ERROR node continues a line on which something well-formed came before it, as
/// in `x := 1 2`.
fn follows_on_same_line(text: &str, node: Node<'_>, prev: Option<Node<'_>>) -> bool {
    let Some(prev) = prev else {
        return false;
    };
    let between =
        &text.as_bytes()[prev.end_byte().min(text.len())..node.start_byte().min(text.len())];
    !prev.is_error() && !between.contains(&b'\n') && prev.end_byte() > 0
}

fn describe_kind(kind: &str) -> String {
    match kind {
        "identifier" | "field_identifier" | "package_identifier" | "label_name" => "name".into(),
        "type_identifier" => "type".into(),
        "," => "comma".into(),
        ";" | "\n" => "semicolon or newline".into(),
        "interpreted_string_literal" | "raw_string_literal" => "string literal".into(),
        other => other.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    fn messages(text: &str) -> Vec<String> {
        parse(text)
            .errors()
            .iter()
            .map(|e| e.message.clone())
            .collect()
    }

    #[test]
    fn valid_code_has_no_errors() {
        assert!(messages("package p\n\nfunc f[T any](x T) T { return x }\n").is_empty());
    }

    #[test]
    fn unclosed_call_reports_newline_in_argument_list() {
        let errors = messages("package p\n\nfunc f() {\n\tg(1, 2\n}\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("syntax error: unexpected"),
            "{errors:?}"
        );
    }

    #[test]
    fn statement_outside_function() {
        let errors = messages("package p\n\nx := 1\n");
        assert_eq!(
            errors,
            ["syntax error: non-declaration statement outside function body"]
        );
    }

    #[test]
    fn unterminated_string() {
        let errors = messages("package p\n\nvar s = \"abc\n");
        assert_eq!(errors[0], "newline in string");
    }
}

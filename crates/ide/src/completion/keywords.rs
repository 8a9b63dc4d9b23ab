//! Keywords and statement snippets, by position: declarations at the top level, statements at
//! a statement's start inside a function body, `case`/`default` in a switch or select, `else`
//! after an if's block, `range` in a for clause; and labels after `break`, `continue` and
//! `goto`. Positions come from the text (see `context`), so they hold in broken code.

use base_db::{SourceDatabase, SourceFile};
use syntax::ast::{File, Stmt};

use super::context::{Lexical, line_of};
use super::{Acc, CompletionKind};
use crate::typecheck::patched;

/// Keywords rank below the names in scope at the same match quality, snippets below keywords.
const KEYWORD_BONUS: u32 = 2_000;
const SNIPPET_BONUS: u32 = 1_900;

/// The statement snippets: label, snippet.
const STATEMENT_SNIPPETS: [(&str, &str); 8] = [
    ("if", "if ${1:cond} {\n\t$0\n}"),
    ("iferr", "if err != nil {\n\treturn ${1:err}\n}"),
    ("for", "for ${1:i} := 0; $1 < ${2:n}; $1++ {\n\t$0\n}"),
    ("forr", "for ${1:k}, ${2:v} := range ${3:x} {\n\t$0\n}"),
    ("switch", "switch ${1:x} {\ncase ${2:v}:\n\t$0\n}"),
    ("select", "select {\ncase ${1:v} := <-${2:ch}:\n\t$0\n}"),
    ("defer", "defer func() {\n\t$0\n}()"),
    ("go", "go func() {\n\t$0\n}()"),
];

const STATEMENT_KEYWORDS: [&str; 15] = [
    "break",
    "const",
    "continue",
    "defer",
    "fallthrough",
    "for",
    "go",
    "goto",
    "if",
    "return",
    "select",
    "switch",
    "type",
    "var",
    "func",
];

const TOP_LEVEL_SNIPPETS: [(&str, &str); 3] = [
    ("func", "func ${1:name}(${2}) {\n\t$0\n}"),
    ("type struct", "type ${1:Name} struct {\n\t$0\n}"),
    ("type interface", "type ${1:Name} interface {\n\t$0\n}"),
];

const TOP_LEVEL_KEYWORDS: [&str; 5] = ["const", "func", "import", "type", "var"];

/// Keywords that start an expression or a type.
const EXPRESSION_KEYWORDS: [&str; 5] = ["chan", "func", "interface", "map", "struct"];

pub(crate) fn complete(
    acc: &mut Acc<'_>,
    db: &dyn SourceDatabase,
    file: SourceFile,
    text: &str,
    lex: &Lexical,
    offset: u32,
) {
    let in_body = in_function_body(db, file, text, lex, offset);
    let token_before = lex.token_before.as_deref();
    if in_body {
        if lex.line_start {
            for keyword in STATEMENT_KEYWORDS {
                keyword_item(acc, keyword);
            }
            if in_clause_block(text, lex) {
                keyword_item(acc, "case");
                keyword_item(acc, "default");
            }
            if acc.config.snippets {
                for (label, snippet) in STATEMENT_SNIPPETS {
                    snippet_item(acc, label, snippet);
                }
            }
        } else if token_before != Some(".") {
            for keyword in EXPRESSION_KEYWORDS {
                keyword_item(acc, keyword);
            }
        }
        if token_before == Some("}") {
            keyword_item(acc, "else");
        }
        if matches!(token_before, Some(":=" | "=")) && line_of(text, offset).starts_with("for ") {
            keyword_item(acc, "range");
        }
        return;
    }
    if lex.open.is_empty() && lex.line_start {
        for keyword in TOP_LEVEL_KEYWORDS {
            keyword_item(acc, keyword);
        }
        if acc.config.snippets {
            for (label, snippet) in TOP_LEVEL_SNIPPETS {
                snippet_item(acc, label, snippet);
            }
        }
    } else if !lex.line_start && token_before != Some(".") {
        for keyword in EXPRESSION_KEYWORDS {
            keyword_item(acc, keyword);
        }
    }
}

fn keyword_item(acc: &mut Acc<'_>, keyword: &str) {
    let item = acc.item(keyword, CompletionKind::Keyword, keyword);
    acc.add(item, KEYWORD_BONUS);
}

fn snippet_item(acc: &mut Acc<'_>, label: &str, snippet: &str) {
    let mut item = acc.item(label, CompletionKind::Snippet, snippet);
    item.is_snippet = true;
    item.detail = Some(snippet.replace("\n\t", " ").replace('\n', " "));
    acc.add(item, SNIPPET_BONUS);
}

/// Whether the cursor is inside a function body: by the syntax tree when the function parses
/// as one, else by the text (an open `{` on a line that declares a function).
fn in_function_body(
    db: &dyn SourceDatabase,
    file: SourceFile,
    text: &str,
    lex: &Lexical,
    offset: u32,
) -> bool {
    if patched::body_at(db, file, offset).is_some() {
        return true;
    }
    lex.open
        .iter()
        .any(|&(b, at)| b == b'{' && line_of(text, at).contains("func"))
}

/// Whether the innermost open block is a switch's or select's, where clauses start.
fn in_clause_block(text: &str, lex: &Lexical) -> bool {
    let Some(&(_, at)) = lex.open.iter().rev().find(|&&(b, _)| b == b'{') else {
        return false;
    };
    let line = line_of(text, at);
    line.starts_with("switch") || line.starts_with("select")
}

/// Labels after `break`/`continue` (those of the statements around the cursor) or `goto`
/// (every label of the function).
pub(crate) fn labels(acc: &mut Acc<'_>, ast: &File, offset: u32, keyword: &str) {
    let function = ast
        .decls
        .iter()
        .filter_map(|&d| match ast.decl(d) {
            syntax::ast::Decl::Func(f) => Some(f.range),
            _ => None,
        })
        .find(|r| r.start <= offset && offset <= r.end);
    let Some(function) = function else { return };
    let mut seen = Vec::new();
    for (i, stmt) in ast.stmts.iter().enumerate() {
        let Stmt::Labeled { label, .. } = stmt else {
            continue;
        };
        let range = ast.stmt_range(syntax::ast::StmtId(i as u32));
        let visible = if keyword == "goto" {
            function.start <= range.start && range.end <= function.end
        } else {
            range.start < offset && offset <= range.end
        };
        if visible && !seen.contains(&label.as_str()) {
            seen.push(label.as_str());
            let item = acc.item(label.as_str(), CompletionKind::Label, label.as_str());
            acc.add(item, KEYWORD_BONUS);
        }
    }
}

//! Go doc comments rendered as Markdown, following Go's doc comment syntax
//! (<https://go.dev/doc/comment>, implemented by `go/doc/comment`): paragraphs, headings (`#
//! Heading` and the older implicit ones), lists, code blocks, doc links (`[Name]`,
//! `[pkg.Name]`, `[pkg.Recv.Name]`, `[*pkg.Name]`) to pkg.go.dev, link definitions
//! (`[text]: URL`) and bare URLs.
//!
//! Two choices differ from gopls (which prints through `comment.Printer.Markdown`): code blocks
//! are fenced ```` ```go ```` blocks, which editors highlight, instead of tab-indented ones;
//! and a paragraph keeps its line breaks (Markdown renders them as spaces, and clients that
//! show the text raw stay readable), so every line, not only the first, is escaped against
//! reading as a list item, heading or quote.

/// The doc comment `doc` (comment markers already removed) as Markdown; unqualified doc links
/// (`[Name]`, `[Recv.Name]`) lead into `package_path` (none when it is empty).
pub(crate) fn to_markdown(doc: &str, package_path: &str) -> String {
    let lines = unindent(doc.split('\n').collect());
    let mut links: Vec<(String, String)> = Vec::new();
    let mut blocks = Vec::new();
    for span in parse_spans(&lines) {
        let block = match span.kind {
            SpanKind::List => Some(list(&lines[span.start..span.end], &mut links)),
            SpanKind::Code => Some(Block::Code(code(&lines[span.start..span.end]))),
            SpanKind::Heading => Some(Block::Heading(lines[span.start][1..].trim().to_string())),
            SpanKind::OldHeading => Some(Block::Heading(lines[span.start].trim().to_string())),
            SpanKind::Para => paragraph(&lines[span.start..span.end], &mut links),
        };
        blocks.extend(block);
    }
    let cx = Context {
        links: &links,
        package_path,
    };
    let rendered: Vec<String> = blocks.iter().map(|b| cx.block(b)).collect();
    rendered.join("\n\n")
}

/// A block of a doc comment: its text still raw (links are resolved when rendering, once all
/// link definitions are known).
enum Block {
    Paragraph(Vec<String>),
    Heading(String),
    /// The code, unindented, one string per line.
    Code(Vec<String>),
    List {
        items: Vec<ListItem>,
        /// Blank lines between items (Go's `List.BlankBetween`).
        loose: bool,
    },
}

struct ListItem {
    /// The number of a numbered item (`1` of `1.` or `1)`), `None` for a bullet.
    number: Option<String>,
    /// The item's paragraphs, each as its lines.
    paragraphs: Vec<Vec<String>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SpanKind {
    Code,
    Heading,
    List,
    OldHeading,
    Para,
}

/// Lines `start..end` of the comment, of one kind.
#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    kind: SpanKind,
}

/// The lines with their common leading white space removed, white-space-only lines emptied,
/// and blank lines at both ends dropped.
fn unindent(lines: Vec<&str>) -> Vec<String> {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let lines = &lines[first..=last];
    let mut prefix = leading_space(lines[0]);
    for line in &lines[1..] {
        if !line.trim().is_empty() {
            let common = prefix
                .bytes()
                .zip(leading_space(line).bytes())
                .take_while(|(a, b)| a == b)
                .count();
            prefix = &prefix[..common];
        }
    }
    lines
        .iter()
        .map(|line| {
            let line = line.strip_prefix(prefix).unwrap_or(line);
            if line.trim().is_empty() {
                String::new()
            } else {
                line.trim_end_matches('\r').to_string()
            }
        })
        .collect()
}

fn leading_space(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &s[..n]
}

fn indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// Splits the lines into spans, as `go/doc/comment` does, including its repairs of common
/// mistakes: a list or code block whose first lines were left unindented, and a code block's
/// unindented closing brace.
fn parse_spans(lines: &[String]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    let mut force_indent = 0;
    // Each line is looked at most twice (once unindented, once forced indented); the bound
    // turns a logic error into a stop rather than a hang.
    let mut watchdog = 2 * lines.len() + 1;
    'spans: loop {
        while i < lines.len() && lines[i].is_empty() {
            i += 1;
        }
        if i >= lines.len() || watchdog == 0 {
            break;
        }
        watchdog -= 1;
        let start = i;
        let mut end;
        let kind;
        if i < force_indent || indented(&lines[i]) {
            // Indented: up to the next unindented line (blank lines are fine).
            let mut unindented_list_ok = is_list(&lines[i]) && i < force_indent;
            i += 1;
            while i < lines.len()
                && (lines[i].is_empty()
                    || i < force_indent
                    || indented(&lines[i])
                    || (unindented_list_ok && is_list(&lines[i])))
            {
                if lines[i].is_empty() {
                    unindented_list_ok = false;
                }
                i += 1;
            }
            end = i;
            while end > start && lines[end - 1].is_empty() {
                end -= 1;
            }
            // Code pasted without indenting its last line: `}` right after the block.
            if end < lines.len() && lines[end].starts_with('}') {
                end += 1;
            }
            kind = if is_list(&lines[start]) {
                SpanKind::List
            } else {
                SpanKind::Code
            };
        } else {
            // Unindented: up to the next blank or indented line.
            i += 1;
            while i < lines.len() && !lines[i].is_empty() && !indented(&lines[i]) {
                i += 1;
            }
            end = i;
            if i < lines.len() && !lines[i].is_empty() && !is_list(&lines[i]) {
                if is_list(&lines[i - 1]) {
                    // An unindented list whose items continue on indented lines.
                    force_indent = end;
                    end -= 1;
                    while end > start && is_list(&lines[end - 1]) {
                        end -= 1;
                    }
                } else if lines[i - 1].ends_with('{') || lines[i - 1].ends_with('\\') {
                    // The unindented first line of a code block.
                    force_indent = end;
                    end -= 1;
                }
                if start == end && force_indent > start {
                    i = start;
                    continue 'spans;
                }
            }
            kind = if end - start == 1 && is_heading(&lines[start]) {
                SpanKind::Heading
            } else if end - start == 1 && is_old_heading(lines, start) {
                SpanKind::OldHeading
            } else {
                SpanKind::Para
            };
        }
        spans.push(Span { start, end, kind });
        i = end;
    }
    spans
}

/// `# Heading`.
fn is_heading(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 2 && b[0] == b'#' && (b[1] == b' ' || b[1] == b'\t') && line.trim() != "#"
}

/// The old implicit heading: a single line between blank lines, followed by an unindented
/// paragraph, starting with a capital letter and ending with a letter or digit, without
/// sentence punctuation.
fn is_old_heading(all: &[String], off: usize) -> bool {
    if off == 0 || !all[off - 1].is_empty() || off + 2 >= all.len() || !all[off + 1].is_empty() {
        return false;
    }
    if !leading_space(&all[off + 2]).is_empty() {
        return false;
    }
    let line = all[off].trim();
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
        return false;
    };
    if !first.is_uppercase() || !last.is_alphanumeric() {
        return false;
    }
    if line.contains(|c| ";:!?+*/=[]{}_^°&§~%#@<\">\\".contains(c)) {
        return false;
    }
    // `'` only in a possessive `'s`.
    let mut rest = line;
    while let Some((_, after)) = rest.split_once('\'') {
        if after != "s" && !after.starts_with("s ") {
            return false;
        }
        rest = after;
    }
    // `.` only inside a word (`go.dev`), not ending a sentence.
    let mut rest = line;
    while let Some((_, after)) = rest.split_once('.') {
        if after.is_empty() || after.starts_with(' ') {
            return false;
        }
        rest = after;
    }
    true
}

/// The marker of a list item line: (`Some(number)` or `None` for a bullet, the rest of the
/// line). A marker is `-`, `*`, `+`, `•` or a number followed by `.` or `)`, then white space
/// and text.
fn list_marker(line: &str) -> Option<(Option<&str>, &str)> {
    let line = line.trim();
    let first = line.chars().next()?;
    let (number, rest) = if matches!(first, '•' | '*' | '+' | '-') {
        (None, &line[first.len_utf8()..])
    } else if first.is_ascii_digit() {
        let n = line.bytes().take_while(u8::is_ascii_digit).count();
        match line.as_bytes().get(n) {
            Some(b'.' | b')') => (Some(&line[..n]), &line[n + 1..]),
            _ => return None,
        }
    } else {
        return None;
    };
    (indented(rest) && !rest.trim().is_empty()).then_some((number, rest))
}

fn is_list(line: &str) -> bool {
    list_marker(line).is_some()
}

/// The code block's lines, unindented.
fn code(lines: &[String]) -> Vec<String> {
    unindent(lines.iter().map(String::as_str).collect())
}

/// A paragraph; `None` when all its lines are link definitions, which are recorded in `links`
/// (the first definition of a text wins).
fn paragraph(lines: &[String], links: &mut Vec<(String, String)>) -> Option<Block> {
    let defs: Option<Vec<(String, String)>> = lines.iter().map(|l| link_def(l)).collect();
    match defs {
        Some(defs) => {
            for (text, url) in defs {
                if !links.iter().any(|(t, _)| *t == text) {
                    links.push((text, url));
                }
            }
            None
        }
        None => Some(Block::Paragraph(lines.to_vec())),
    }
}

/// `[text]: URL`, with a URL scheme Go recognizes.
fn link_def(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find("]:")?;
    let after = &rest[close + 2..];
    if after.len() < 2 || !after.starts_with([' ', '\t']) {
        return None;
    }
    let url = after.trim();
    let (scheme, _) = url.split_once("://")?;
    is_scheme(scheme).then(|| (rest[..close].to_string(), url.to_string()))
}

fn is_scheme(s: &str) -> bool {
    matches!(
        s,
        "file" | "ftp" | "gopher" | "http" | "https" | "mailto" | "nntp"
    )
}

/// A list from its lines: an item starts at each marker of the list's kind (bullets or
/// numbers, as its first item); a blank line ends an item's paragraph and makes the list loose.
fn list(lines: &[String], links: &mut Vec<(String, String)>) -> Block {
    let numbered = list_marker(&lines[0]).is_some_and(|(n, _)| n.is_some());
    let mut items: Vec<ListItem> = Vec::new();
    let mut text: Vec<String> = Vec::new();
    let mut loose = false;
    let flush = |items: &mut Vec<ListItem>, text: &mut Vec<String>, links: &mut Vec<_>| {
        if let Some(item) = items.last_mut()
            && !text.is_empty()
            && let Some(Block::Paragraph(lines)) = paragraph(text, links)
        {
            item.paragraphs.push(lines);
        }
        text.clear();
    };
    for line in lines {
        let mut line = line.as_str();
        if let Some((number, rest)) = list_marker(line)
            && number.is_some() == numbered
        {
            flush(&mut items, &mut text, links);
            items.push(ListItem {
                number: number.map(str::to_string),
                paragraphs: Vec::new(),
            });
            line = rest;
        }
        let line = line.trim();
        if line.is_empty() {
            loose = true;
            flush(&mut items, &mut text, links);
            continue;
        }
        text.push(line.to_string());
    }
    flush(&mut items, &mut text, links);
    let loose = loose || items.iter().any(|i| i.paragraphs.len() != 1);
    Block::List { items, loose }
}

/// What rendering needs: the link definitions and the current package.
struct Context<'a> {
    links: &'a [(String, String)],
    package_path: &'a str,
}

/// Inline text: plain text or links (whose text is plain).
enum Inline {
    Plain(String),
    Link { text: String, url: String },
}

impl Context<'_> {
    fn block(&self, block: &Block) -> String {
        match block {
            Block::Paragraph(lines) => self.text(&lines.join("\n"), ""),
            Block::Heading(text) => format!("### {}", self.text(text, "")),
            Block::Code(lines) => fenced(lines),
            Block::List { items, loose } => {
                let mut out = Vec::new();
                for item in items {
                    let marker = match &item.number {
                        Some(n) => format!("{n}. "),
                        None => "- ".to_string(),
                    };
                    let indent = " ".repeat(marker.len());
                    let paragraphs: Vec<String> = item
                        .paragraphs
                        .iter()
                        .map(|p| self.text(&p.join("\n"), &indent))
                        .collect();
                    out.push(format!(
                        "{marker}{}",
                        paragraphs.join(&format!("\n\n{indent}"))
                    ));
                }
                out.join(if *loose { "\n\n" } else { "\n" })
            }
        }
    }

    /// A paragraph's text as Markdown; lines after the first are indented by `indent` (to
    /// stay inside a list item).
    fn text(&self, text: &str, indent: &str) -> String {
        let mut raw = String::new();
        for inline in self.linked_text(text) {
            match inline {
                Inline::Plain(s) => escape(&mut raw, &s),
                Inline::Link { text, url } => {
                    raw.push('[');
                    escape(&mut raw, &text);
                    raw.push_str("](");
                    raw.push_str(&link_destination(&url));
                    raw.push(')');
                }
            }
        }
        let mut out = String::new();
        for (i, line) in raw.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(indent);
            }
            escape_line_start(&mut out, line.trim());
        }
        out
    }

    /// The text with its links found: `[text]` with a link definition, doc links, and URLs.
    fn linked_text(&self, text: &str) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut wrote = 0;
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match c {
                '[' => start = Some(i),
                ']' => {
                    if let Some(s) = start.take() {
                        let inner = &text[s + 1..i];
                        let key = inner.replace(['\n', '\t'], " ");
                        let url = match self.links.iter().find(|(t, _)| *t == key) {
                            Some((_, url)) => Some(url.clone()),
                            None => self.doc_link(inner, &text[..s], &text[i + 1..]),
                        };
                        if let Some(url) = url {
                            plain_text(&mut out, &text[wrote..s], true);
                            // A link's text on one line: a line break inside it would be
                            // escaped as a line start.
                            let mut t = String::new();
                            quotes(&mut t, &key);
                            out.push(Inline::Link { text: t, url });
                            wrote = i + 1;
                        }
                    }
                }
                _ => {}
            }
        }
        plain_text(&mut out, &text[wrote..], true);
        out
    }

    /// The pkg.go.dev URL of a doc link's text (inside the brackets), if it is one: `Name`,
    /// `Recv.Name`, `pkg.Name`, `pkg.Recv.Name`, `pkg` (a package), each optionally with a
    /// leading `*`; `before` and `after` are the text around the brackets, which must end and
    /// start with punctuation or space so that `map[ast.Expr]T` links nothing.
    fn doc_link(&self, text: &str, before: &str, after: &str) -> Option<String> {
        let delimits = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punct(c));
        if !delimits(before.chars().last()) || !delimits(after.chars().next()) {
            return None;
        }
        let text = text.strip_prefix('*').unwrap_or(text);
        let (mut pkg, name) = split_doc_name(text);
        let mut recv = "";
        if name.is_some() {
            let (p, r) = split_doc_name(pkg);
            pkg = p;
            recv = r.unwrap_or("");
        }
        let import_path = if pkg.is_empty() {
            self.package_path
        } else {
            self.lookup_package(pkg)?
        };
        if import_path.is_empty() {
            return None;
        }
        let mut url = format!("https://pkg.go.dev/{import_path}");
        if let Some(name) = name {
            url.push('#');
            if !recv.is_empty() {
                url.push_str(recv);
                url.push('.');
            }
            url.push_str(name);
        }
        Some(url)
    }

    /// The import path a doc link's package names: a full path (with a `/`), a standard
    /// library package with a one-element path, or the current package by its last element.
    fn lookup_package<'a>(&'a self, pkg: &'a str) -> Option<&'a str> {
        if pkg.contains('/') {
            return valid_import_path(pkg).then_some(pkg);
        }
        if STD_ONE_ELEMENT.binary_search(&pkg).is_ok() {
            return Some(pkg);
        }
        let own = self.package_path.rsplit('/').next().unwrap_or("");
        (!own.is_empty() && own == pkg).then_some(self.package_path)
    }
}

/// The standard library's packages whose import path is one element (Go's `stdPkgs`): the
/// ones a doc link can name without a `/`. Sorted.
const STD_ONE_ELEMENT: &[&str] = &[
    "bufio", "bytes", "cmp", "context", "crypto", "embed", "encoding", "errors", "expvar", "flag",
    "fmt", "hash", "html", "image", "io", "iter", "log", "maps", "math", "mime", "net", "os",
    "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv", "strings",
    "structs", "sync", "syscall", "testing", "time", "unicode", "unique", "unsafe", "weak",
];

/// `before.Name` split at its last dot when `Name` is a capitalized identifier: (`before`,
/// `Some(Name)`); otherwise (`text`, `None`).
fn split_doc_name(text: &str) -> (&str, Option<&str>) {
    let (before, name) = match text.rfind('.') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => ("", text),
    };
    if is_exported_ident(name) {
        (before, Some(name))
    } else {
        (text, None)
    }
}

fn is_exported_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
        && s.chars().all(|c| c == '_' || c.is_alphanumeric())
}

fn valid_import_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('-')
        && path.split('/').all(|elem| {
            !elem.is_empty()
                && !elem.starts_with('.')
                && !elem.ends_with('.')
                && elem
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~+".contains(&b))
        })
}

/// Unicode punctuation (category P) for ASCII exactly; beyond ASCII, the general punctuation
/// block and CJK punctuation, where doc comments' quotes and dashes come from.
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c);
    }
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}'..='\u{3003}')
}

/// Plain text, with its URLs made links when `auto_link`.
fn plain_text(out: &mut Vec<Inline>, s: &str, auto_link: bool) {
    let mut plain = String::new();
    let mut wrote = 0;
    let mut i = 0;
    while i < s.len() {
        if auto_link
            && (i == 0 || !s.as_bytes()[i - 1].is_ascii_alphanumeric())
            && let Some(url) = auto_url(&s[i..])
        {
            quotes(&mut plain, &s[wrote..i]);
            if !plain.is_empty() {
                out.push(Inline::Plain(std::mem::take(&mut plain)));
            }
            out.push(Inline::Link {
                text: url.to_string(),
                url: url.to_string(),
            });
            i += url.len();
            wrote = i;
            continue;
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    quotes(&mut plain, &s[wrote..]);
    if !plain.is_empty() {
        out.push(Inline::Plain(plain));
    }
}

/// Go's typographic quotes: ``` `` ``` becomes “ and `''` becomes ” (but not inside a run of
/// three or more backquotes, which is Markdown someone wrote by mistake).
fn quotes(out: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        if rest.starts_with("```") {
            let n = rest.bytes().take_while(|&b| b == b'`').count();
            out.push_str(&rest[..n]);
            rest = &rest[n..];
        } else if let Some(r) = rest.strip_prefix("``") {
            out.push('“');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("''") {
            out.push('”');
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The URL `s` starts with (`scheme://host/path`), as Go recognizes them: the path may hold
/// matched brackets, and does not end with sentence punctuation.
fn auto_url(s: &str) -> Option<&str> {
    let colon = (3..=6).find(|&i| s.get(i..i + 3) == Some("://"))?;
    if !is_scheme(s.get(..colon)?) {
        return None;
    }
    let b = s.as_bytes();
    let mut i = colon + 3;
    let is_host = |c: u8| c.is_ascii_alphanumeric() || b"_@-.[]:".contains(&c);
    let is_url_punct = |c: u8| b".,:;?!".contains(&c);
    if i >= b.len() || !is_host(b[i]) || is_url_punct(b[i]) {
        return None;
    }
    i += 1;
    let mut end = i;
    while i < b.len() && is_host(b[i]) {
        if !is_url_punct(b[i]) {
            end = i + 1;
        }
        i += 1;
    }
    i = end;
    let is_path = |c: u8| c.is_ascii_alphanumeric() || b"$'()*+&#=@~_/-[]{}%".contains(&c);
    let mut stack: Vec<u8> = Vec::new();
    while i < b.len() {
        let c = b[i];
        if is_url_punct(c) {
            i += 1;
            continue;
        }
        if !is_path(c) {
            break;
        }
        match c {
            b'(' => stack.push(b')'),
            b'{' => stack.push(b'}'),
            b'[' => stack.push(b']'),
            b')' | b'}' | b']' => {
                if stack.last() != Some(&c) {
                    break;
                }
                stack.pop();
            }
            _ => {}
        }
        if stack.is_empty() {
            end = i + 1;
        }
        i += 1;
    }
    Some(&s[..end])
}

/// A URL as a Markdown link's destination: balanced parentheses may stay (Wikipedia-style
/// URLs keep reading as written), unbalanced ones would end the link early or never.
fn link_destination(url: &str) -> String {
    let mut depth = 0i32;
    let balanced = url.chars().all(|c| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        depth >= 0
    }) && depth == 0;
    if balanced {
        url.to_string()
    } else {
        url.replace('(', "%28").replace(')', "%29")
    }
}

/// Plain text with the characters that would start Markdown markup escaped.
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        if matches!(c, '`' | '_' | '*' | '[' | '<' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A line of rendered text, escaped where its start would read as a list item, heading,
/// quote, setext underline or table row.
fn escape_line_start(out: &mut String, line: &str) {
    let b = line.as_bytes();
    match b.first() {
        Some(b'+' | b'-' | b'*' | b'#' | b'>' | b'=' | b'|' | b'~') => out.push('\\'),
        Some(b'0'..=b'9') => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if matches!(b.get(n), Some(b'.' | b')')) {
                out.push_str(&line[..n]);
                out.push('\\');
                out.push_str(&line[n..]);
                return;
            }
        }
        _ => {}
    }
    out.push_str(line);
}

/// A code block fenced by more backquotes than any run inside it.
fn fenced(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}go\n{}\n{fence}", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[track_caller]
    fn check(doc: &str, package_path: &str, expect: &str) {
        let got = to_markdown(doc, package_path);
        assert_eq!(got, expect, "\n--- got:\n{got}\n--- expected:\n{expect}\n");
    }

    /// net/http's `Request`: paragraphs, and doc links to a method and a type of the package.
    #[test]
    fn net_http_request() {
        check(
            "A Request represents an HTTP request received by a server
or to be sent by a client.

The field semantics differ slightly between client and server
usage. In addition to the notes on the fields below, see the
documentation for [Request.Write] and [RoundTripper].",
            "net/http",
            "A Request represents an HTTP request received by a server
or to be sent by a client.

The field semantics differ slightly between client and server
usage. In addition to the notes on the fields below, see the
documentation for [Request.Write](https://pkg.go.dev/net/http#Request.Write) and [RoundTripper](https://pkg.go.dev/net/http#RoundTripper).",
        );
    }

    /// fmt's package doc (excerpts): a `#` heading, doc links into the package and to other
    /// standard packages, tab-indented verb tables as code blocks, and numbered rules written
    /// as unindented paragraphs, which are not lists and must not render as one.
    #[test]
    fn fmt_package_doc() {
        let doc = "Package fmt implements formatted I/O with functions analogous
to C's printf and scanf.  The format 'verbs' are derived from C's but
are simpler.

# Printing

There are four families of printing functions defined by their output destination.
[Print], [Println] and [Printf] write to [os.Stdout];
[Fprint], [Fprintln] and [Fprintf] write to an [io.Writer]; and

General:

\t%v\tthe value in a default format
\t\twhen printing structs, the plus flag (%+v) adds field names
\t%%\ta literal percent sign; consumes no value

Boolean:

\t%t\tthe word true or false

1. If the operand is a [reflect.Value], the operand is replaced by the
concrete value that it holds, and printing continues with the next rule.

2. If an operand implements the [Formatter] interface, it will
be invoked.

When formatting a single integer code point or a rune string (type []rune)
with %q, invalid Unicode code points are changed to the Unicode replacement
character, U+FFFD, as in [strconv.QuoteRune].";
        check(
            doc,
            "fmt",
            "Package fmt implements formatted I/O with functions analogous
to C's printf and scanf.  The format 'verbs' are derived from C's but
are simpler.

### Printing

There are four families of printing functions defined by their output destination.
[Print](https://pkg.go.dev/fmt#Print), [Println](https://pkg.go.dev/fmt#Println) and [Printf](https://pkg.go.dev/fmt#Printf) write to [os.Stdout](https://pkg.go.dev/os#Stdout);
[Fprint](https://pkg.go.dev/fmt#Fprint), [Fprintln](https://pkg.go.dev/fmt#Fprintln) and [Fprintf](https://pkg.go.dev/fmt#Fprintf) write to an [io.Writer](https://pkg.go.dev/io#Writer); and

General:

```go
%v\tthe value in a default format
\twhen printing structs, the plus flag (%+v) adds field names
%%\ta literal percent sign; consumes no value
```

Boolean:

```go
%t\tthe word true or false
```

1\\. If the operand is a [reflect.Value](https://pkg.go.dev/reflect#Value), the operand is replaced by the
concrete value that it holds, and printing continues with the next rule.

2\\. If an operand implements the [Formatter](https://pkg.go.dev/fmt#Formatter) interface, it will
be invoked.

When formatting a single integer code point or a rune string (type \\[]rune)
with %q, invalid Unicode code points are changed to the Unicode replacement
character, U+FFFD, as in [strconv.QuoteRune](https://pkg.go.dev/strconv#QuoteRune).",
        );
    }

    /// encoding/json's package doc: a bare URL, a heading, and an indented bullet list whose
    /// items continue on further lines (kept inside the item by indenting them).
    #[test]
    fn encoding_json_package_doc() {
        let doc = "See \"JSON and Go\" for an introduction to this package:
https://golang.org/doc/articles/json_and_go.html

# Security Considerations

Due to the Go Backwards Compatibility promise (https://go.dev/doc/go1compat)
there are a number of behaviors this package exhibits that may cause
interopability issues, but cannot be changed. In particular the following
parsing behaviors may cause issues:

  - If a JSON object contains duplicate keys, keys are processed in the order
    they are observed.
  - When parsing a JSON object into a Go struct, unknown keys in the JSON
    object are ignored (unless a [Decoder] is used and
    [Decoder.DisallowUnknownFields] has been called).";
        check(
            doc,
            "encoding/json",
            "See \"JSON and Go\" for an introduction to this package:
[https://golang.org/doc/articles/json\\_and\\_go.html](https://golang.org/doc/articles/json_and_go.html)

### Security Considerations

Due to the Go Backwards Compatibility promise ([https://go.dev/doc/go1compat](https://go.dev/doc/go1compat))
there are a number of behaviors this package exhibits that may cause
interopability issues, but cannot be changed. In particular the following
parsing behaviors may cause issues:

- If a JSON object contains duplicate keys, keys are processed in the order
  they are observed.
- When parsing a JSON object into a Go struct, unknown keys in the JSON
  object are ignored (unless a [Decoder](https://pkg.go.dev/encoding/json#Decoder) is used and
  [Decoder.DisallowUnknownFields](https://pkg.go.dev/encoding/json#Decoder.DisallowUnknownFields) has been called).",
        );
    }

    /// net/http's `CrossOriginProtection`: link definitions at the end (one link's text broken
    /// across lines) become links where their texts are used, and are not shown themselves.
    #[test]
    fn link_definitions() {
        let doc = "CrossOriginProtection implements protections against [Cross-Site Request
Forgery (CSRF)] by rejecting non-safe cross-origin browser requests.

The GET, HEAD, and OPTIONS methods are [safe methods] and are always allowed.

[Cross-Site Request Forgery (CSRF)]: https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/CSRF
[safe methods]: https://developer.mozilla.org/en-US/docs/Glossary/Safe/HTTP";
        check(
            doc,
            "net/http",
            "CrossOriginProtection implements protections against [Cross-Site Request Forgery (CSRF)](https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/CSRF) by rejecting non-safe cross-origin browser requests.

The GET, HEAD, and OPTIONS methods are [safe methods](https://developer.mozilla.org/en-US/docs/Glossary/Safe/HTTP) and are always allowed.",
        );
    }

    /// Doc link forms: a pointer, a method of another package, a full import path, a package;
    /// and brackets that are not links (an index expression, a package nobody can resolve).
    #[test]
    fn doc_link_forms() {
        check(
            "Use [*bytes.Buffer], [bytes.Buffer.Write], [encoding/json.Marshal] or [os].",
            "example.com/m",
            "Use [\\*bytes.Buffer](https://pkg.go.dev/bytes#Buffer), [bytes.Buffer.Write](https://pkg.go.dev/bytes#Buffer.Write), [encoding/json.Marshal](https://pkg.go.dev/encoding/json#Marshal) or [os](https://pkg.go.dev/os).",
        );
        check(
            "A map[ast.Expr]TypeAndValue, [json.Marshal] and [x] are left alone.",
            "go/types",
            "A map\\[ast.Expr]TypeAndValue, \\[json.Marshal] and \\[x] are left alone.",
        );
        // The package's own name qualifies its names too (net/http's docs say [http.Client]).
        check(
            "See [http.Client].",
            "net/http",
            "See [http.Client](https://pkg.go.dev/net/http#Client).",
        );
    }

    /// Markdown's special characters in plain text show literally; a line that would start a
    /// list, heading or quote is escaped, and so is every line of a paragraph, not only the
    /// first.
    #[test]
    fn escaping() {
        check(
            "The *T and _x_ forms, `code`, <b>html</b> and a\\b.\n- not a list\n# not a heading\n> not a quote\n3) not a list",
            "p",
            "The \\*T and \\_x\\_ forms, \\`code\\`, \\<b>html\\</b> and a\\\\b.\n\\- not a list\n\\# not a heading\n\\> not a quote\n3\\) not a list",
        );
        // Go's typographic quotes.
        check("``quoted''", "p", "“quoted”");
    }

    /// Lists: numbered items with `)`, bullets of every kind, a loose list (blank lines
    /// between items), and a list right after a paragraph.
    #[test]
    fn lists() {
        check(
            "Steps:\n  1) Parse.\n  2) Check.\n\nKinds:\n  • one\n  + two\n\n  * three",
            "p",
            "Steps:\n\n1. Parse.\n2. Check.\n\nKinds:\n\n- one\n\n- two\n\n- three",
        );
    }

    /// Headings: the old implicit kind (a capitalized line alone between blank lines, before
    /// a paragraph) and lines that do not qualify (sentence punctuation, before code).
    #[test]
    fn old_headings() {
        check(
            "Package template.\n\nSecurity Model\n\nThe package assumes authors are trusted.",
            "html/template",
            "Package template.\n\n### Security Model\n\nThe package assumes authors are trusted.",
        );
        check(
            "Intro.\n\nThis is a sentence.\n\nMore.",
            "p",
            "Intro.\n\nThis is a sentence.\n\nMore.",
        );
        check(
            "Intro.\n\nExample\n\n\tx := 1",
            "p",
            "Intro.\n\nExample\n\n```go\nx := 1\n```",
        );
    }

    /// Code blocks: the unindented closing brace of pasted code joins its block, and a block
    /// holding a Markdown fence gets a longer one.
    #[test]
    fn code_blocks() {
        check(
            "For example:\n\n\tfunc main() {\n\t\tfmt.Println(\"hi\")\n}\n\nDone.",
            "p",
            "For example:\n\n```go\n\tfunc main() {\n\t\tfmt.Println(\"hi\")\n}\n```\n\nDone.",
        );
        check(
            "Markdown:\n\n\t```\n\tcode\n\t```",
            "p",
            "Markdown:\n\n````go\n```\ncode\n```\n````",
        );
    }

    #[test]
    fn empty_and_blank() {
        check("", "p", "");
        check("\n  \n", "p", "");
    }

    /// URLs with parentheses: balanced ones stay as written (as Go prints them), an
    /// unbalanced one is percent-encoded so that the link still ends where it should.
    #[test]
    fn urls_with_parentheses() {
        check(
            "See https://msdn.microsoft.com/en-us/library/ms684179(v=vs.85).aspx",
            "p",
            "See [https://msdn.microsoft.com/en-us/library/ms684179(v=vs.85).aspx](https://msdn.microsoft.com/en-us/library/ms684179(v=vs.85).aspx)",
        );
        check(
            "Read the [spec].\n\n[spec]: https://example.com/a)b",
            "p",
            "Read the [spec](https://example.com/a%29b).",
        );
    }
}

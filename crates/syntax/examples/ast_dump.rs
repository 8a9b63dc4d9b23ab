//! Prints a Go file's AST as the fixture tests see it: `cargo run -p syntax --example ast_dump -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ast_dump FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let parse = syntax::parse(&text);
    if std::env::args().any(|a| a == "--cst") {
        println!("{}", parse.tree().root_node().to_sexp());
    }
    let file = syntax::lower(&text, parse.tree());
    print!("{}", syntax::dump(&file));
}

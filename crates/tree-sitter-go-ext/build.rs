//! Compiles the generated (committed) parser in grammar/src; see README.md.

fn main() {
    let src_dir = std::path::Path::new("grammar/src");
    let parser_path = src_dir.join("parser.c");

    let mut build = cc::Build::new();
    build
        .std("c11")
        .include(src_dir)
        .file(&parser_path)
        // Generated code: its warnings are not ours to fix.
        .warnings(false);
    // A workspace member gets the dev profile's opt-level 0 (dependencies such as
    // tree-sitter-go get 1). Don't leave the generated lexer and tables
    // unoptimized in debug builds: every test that parses Go runs through them.
    if std::env::var("OPT_LEVEL").as_deref() == Ok("0") {
        build.opt_level(2);
    }
    #[cfg(target_env = "msvc")]
    build.flag("-utf-8");

    println!("cargo:rerun-if-changed={}", parser_path.display());
    println!(
        "cargo:rerun-if-changed={}",
        src_dir.join("tree_sitter").display()
    );
    build.compile("tree-sitter-go-ext");
}

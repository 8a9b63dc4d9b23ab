//! Go to definition and type definition: where the object at `$0` (or its type) is declared.

mod fixture;

use fixture::Fixture;

/// (path, the text at the target) of each target.
fn definitions(text: &str, type_definition: bool) -> Vec<(String, String)> {
    let f = Fixture::new(text);
    let analysis = f.analysis();
    let targets = if type_definition {
        analysis.goto_type_definition(f.file, f.offset)
    } else {
        analysis.goto_definition(f.file, f.offset)
    };
    targets
        .expect("not cancelled")
        .into_iter()
        .map(|t| {
            let text = analysis.file_text(t.file).unwrap();
            let path = analysis.file_path(t.file).unwrap();
            (
                path.display().to_string(),
                text[t.range.as_usize()].to_string(),
            )
        })
        .collect()
}

fn at(path: &str, name: &str) -> Vec<(String, String)> {
    vec![(path.to_string(), name.to_string())]
}

#[test]
fn uses_lead_to_declarations_across_files_and_packages() {
    let text = "//- /w/lib/lib.go\npackage lib\n\ntype Shape struct{ Side int }\n\nfunc New() *Shape { return nil }\n//- /w/a/a.go\npackage a\n\nimport \"example.com/m/lib\"\n\nvar s = lib.Ne$0w()\n";
    assert_eq!(definitions(text, false), at("/w/lib/lib.go", "New"));
    // The type of `s` (a pointer) leads to the struct type.
    let text = text.replace("var s = lib.Ne$0w()", "var s$0 = lib.New()");
    assert_eq!(definitions(&text, true), at("/w/lib/lib.go", "Shape"));
    let field = text.replace("var s$0 = lib.New()", "var n = lib.New().Si$0de");
    assert_eq!(definitions(&field, false), at("/w/lib/lib.go", "Side"));
}

#[test]
fn an_embedded_fields_declaration_leads_to_its_type() {
    let text = "package a\n\ntype Base struct{}\n\ntype T struct {\n\t*Ba$0se\n}\n";
    let clean = text.replace("$0", "");
    let got = definitions(text, false);
    assert_eq!(got, at("/w/a/a.go", "Base"));
    // And it is the type's declaration, not the field's.
    let f = Fixture::new(text);
    let targets = f.analysis().goto_definition(f.file, f.offset).unwrap();
    assert_eq!(
        targets[0].range.start as usize,
        clean.find("Base struct").unwrap()
    );
}

#[test]
fn the_package_clause_leads_to_the_clause_with_the_package_doc() {
    let text = "//- /w/a/doc.go\n// Package a does things.\npackage a\n//- /w/a/a.go\npackage a$0\n\nvar x int\n";
    assert_eq!(definitions(text, false), at("/w/a/doc.go", "a"));
}

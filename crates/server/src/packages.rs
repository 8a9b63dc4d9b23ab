//! `goAnalyzer/package`: the package a document belongs to, as JSON in `go list -json`'s
//! field names, with the build configuration it was loaded for. Editors show it ("which
//! package is this file in, for which GOOS?"), and tests use it to watch the project model
//! follow the file system.
//!
//! Request: `{ "textDocument": { "uri": ... } }`. Response: `null` when the file has no
//! package (GOROOT/src itself), else an object with ImportPath, Name, Dir, GoFiles, CgoFiles,
//! IgnoredGoFiles, InvalidGoFiles, TestGoFiles, XTestGoFiles, Imports, TestImports,
//! XTestImports, Module {Path, Version, Dir, Main}, Standard, Error, DepsErrors, and
//! BuildConfig {GOOS, GOARCH, CgoEnabled, Tags, Default} (Default is false when the
//! workspace's configuration excludes the file and this is the package as another sees it).

use ide::{Analysis, FileId, FileKind, PackageInfo};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::TextDocumentIdentifier;

/// The custom request's method name.
pub(crate) const PACKAGE_METHOD: &str = "goAnalyzer/package";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PackageParams {
    pub(crate) text_document: TextDocumentIdentifier,
}

/// Why a package request got no package.
#[derive(Debug)]
pub(crate) enum PackageError {
    /// A change came in while computing (answered as ContentModified).
    Cancelled,
    /// The document cannot be analyzed, or the computation failed.
    Failed(String),
}

pub(crate) type PackageReply = Result<Value, PackageError>;

pub(crate) fn package_json(analysis: &Analysis, file: FileId) -> PackageReply {
    match analysis.package_for_file(file) {
        Ok(Some(info)) => Ok(to_json(&info)),
        Ok(None) => Ok(Value::Null),
        Err(_) => Err(PackageError::Cancelled),
    }
}

fn to_json(info: &PackageInfo) -> Value {
    let p = &info.package;
    let kind = match info.file_kind {
        FileKind::Go => "GoFiles",
        FileKind::Cgo => "CgoFiles",
        FileKind::Test => "TestGoFiles",
        FileKind::XTest => "XTestGoFiles",
        FileKind::Ignored(_) => "IgnoredGoFiles",
        FileKind::Invalid => "InvalidGoFiles",
    };
    json!({
        "ImportPath": p.import_path,
        "Name": p.name,
        "Dir": p.dir.to_string_lossy(),
        "Standard": p.standard,
        "GoFiles": p.go_files,
        "CgoFiles": p.cgo_files,
        "IgnoredGoFiles": p.ignored_go_files,
        "InvalidGoFiles": p.invalid_go_files,
        "TestGoFiles": p.test_go_files,
        "XTestGoFiles": p.xtest_go_files,
        "Imports": p.imports,
        "TestImports": p.test_imports,
        "XTestImports": p.xtest_imports,
        "Module": p.module.as_ref().map(|m| json!({
            "Path": m.path,
            "Version": m.version,
            "Dir": m.dir.as_ref().map(|d| d.to_string_lossy()),
            "Main": m.main,
        })),
        "Error": p.error,
        "DepsErrors": p.deps_errors,
        "FileList": kind,
        "BuildConfig": {
            "GOOS": info.config.goos,
            "GOARCH": info.config.goarch,
            "CgoEnabled": info.config.cgo_enabled,
            "Tags": info.config.tags,
            "Default": info.default_config,
        },
    })
}

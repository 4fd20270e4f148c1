//! The Rust side of the parity table: every public function and method of the library crates,
//! with the `#[doc(alias = "…")]`s that name gazu functions.

use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Attribute, Expr, Lit, LitStr, Meta, Token};

use crate::sh::Fallible;

/// One public function or method: `Type::method` (generic arguments kept, as in
/// `Collection<Project>::open`) or a free function's name, with its doc aliases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// How the table names it.
    pub path: String,
    /// Its `#[doc(alias)]`s, in order.
    pub aliases: Vec<String>,
    /// The file it is in, for messages.
    pub file: PathBuf,
}

/// The crates whose items can stand for gazu functions: every crate under `crates/` but the
/// fake server, whose routes are no part of the client's API.
pub fn scan_workspace(workspace: &Path) -> Fallible<Vec<Item>> {
    let crates = workspace.join("crates");
    let mut files = Vec::new();
    for entry in read_dir(&crates)? {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
        if entry.is_dir() && name.as_deref() != Some("kitsu-mock") {
            rust_files(&entry.join("src"), &mut files)?;
        }
    }
    files.sort();
    let mut items = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        items.extend(scan_source(&text, &file)?);
    }
    Ok(items)
}

fn read_dir(dir: &Path) -> Fallible<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(
            entry
                .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
                .path(),
        );
    }
    Ok(paths)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Fallible {
    if !dir.is_dir() {
        return Ok(());
    }
    for path in read_dir(dir)? {
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The public functions and methods of one source file (test modules skipped).
pub fn scan_source(text: &str, file: &Path) -> Fallible<Vec<Item>> {
    let syntax = syn::parse_file(text)
        .map_err(|error| format!("cannot parse {}: {error}", file.display()))?;
    let mut scanner = Scanner {
        file,
        owner: None,
        items: Vec::new(),
        error: None,
    };
    scanner.visit_file(&syntax);
    match scanner.error {
        Some(error) => Err(error),
        None => Ok(scanner.items),
    }
}

struct Scanner<'a> {
    file: &'a Path,
    /// The type of the `impl` block being read.
    owner: Option<String>,
    items: Vec<Item>,
    error: Option<String>,
}

impl Scanner<'_> {
    fn push(&mut self, name: String, public: bool, attrs: &[Attribute]) {
        if !public {
            return;
        }
        let aliases = match doc_aliases(attrs) {
            Ok(aliases) => aliases,
            Err(error) => {
                self.error
                    .get_or_insert(format!("{}: {name}: {error}", self.file.display()));
                Vec::new()
            }
        };
        let path = match &self.owner {
            Some(owner) => format!("{owner}::{name}"),
            None => name,
        };
        self.items.push(Item {
            path,
            aliases,
            file: self.file.to_path_buf(),
        });
    }
}

impl<'ast> Visit<'ast> for Scanner<'_> {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if !is_cfg_test(&module.attrs) {
            syn::visit::visit_item_mod(self, module);
        }
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        let public = matches!(function.vis, syn::Visibility::Public(_));
        self.push(function.sig.ident.to_string(), public, &function.attrs);
    }

    fn visit_item_impl(&mut self, block: &'ast syn::ItemImpl) {
        if is_cfg_test(&block.attrs) {
            return;
        }
        // Trait impls: their methods are public when the trait is.
        let in_trait = block.trait_.is_some();
        let outer = self.owner.replace(type_name(&block.self_ty));
        for item in &block.items {
            if let syn::ImplItem::Fn(method) = item {
                let public = in_trait || matches!(method.vis, syn::Visibility::Public(_));
                self.push(method.sig.ident.to_string(), public, &method.attrs);
            }
        }
        self.owner = outer;
    }
}

fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// `Collection<Project>` for `crate::Collection<models::Project>`, `Kitsu` for `Kitsu`.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| {
                let mut name = segment.ident.to_string();
                if let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments {
                    let inner: Vec<String> = arguments
                        .args
                        .iter()
                        .filter_map(|argument| match argument {
                            syn::GenericArgument::Type(ty) => Some(type_name(ty)),
                            _ => None,
                        })
                        .collect();
                    if !inner.is_empty() {
                        name = format!("{name}<{}>", inner.join(", "));
                    }
                }
                name
            })
            .unwrap_or_default(),
        syn::Type::Reference(reference) => type_name(&reference.elem),
        _ => "_".to_owned(),
    }
}

/// The aliases of `#[doc(alias = "a")]` and `#[doc(alias("a", "b"))]`, in order.
fn doc_aliases(attrs: &[Attribute]) -> syn::Result<Vec<String>> {
    let mut aliases = Vec::new();
    for attr in attrs {
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        if !list.path.is_ident("doc") {
            continue;
        }
        let metas = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
        for meta in metas {
            match meta {
                Meta::NameValue(pair) if pair.path.is_ident("alias") => match pair.value {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(text),
                        ..
                    }) => aliases.push(text.value()),
                    other => {
                        return Err(syn::Error::new_spanned(other, "doc alias is not a string"));
                    }
                },
                Meta::List(inner) if inner.path.is_ident("alias") => {
                    let texts =
                        inner.parse_args_with(Punctuated::<LitStr, Token![,]>::parse_terminated)?;
                    aliases.extend(texts.iter().map(LitStr::value));
                }
                _ => {}
            }
        }
    }
    Ok(aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(String, Vec<String>)> {
        scan_source(text, Path::new("test.rs"))
            .unwrap_or_else(|error| panic!("{error}"))
            .into_iter()
            .map(|item| (item.path, item.aliases))
            .collect()
    }

    fn item(path: &str, aliases: &[&str]) -> (String, Vec<String>) {
        (
            path.to_owned(),
            aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        )
    }

    #[test]
    fn methods_are_named_by_their_type_and_carry_their_aliases() {
        let found = scan(
            r#"
            impl ProjectHandle {
                /// Docs first.
                #[doc(alias = "new_shot")]
                pub fn new_shot(&self) {}
                #[doc(alias("get_shot", "shot.get_shot"))]
                #[doc(hidden)]
                pub async fn shot(&self) {}
                fn private(&self) {}
                pub(crate) fn internal(&self) {}
            }
            impl crate::Collection<models::Project> {
                #[doc(alias = "all_open_projects")]
                pub async fn open(&self) {}
            }
            "#,
        );
        assert_eq!(
            found,
            [
                item("ProjectHandle::new_shot", &["new_shot"]),
                item("ProjectHandle::shot", &["get_shot", "shot.get_shot"]),
                item("Collection<Project>::open", &["all_open_projects"]),
            ]
        );
    }

    #[test]
    fn free_functions_nested_modules_and_trait_methods_are_found_test_modules_are_not() {
        let found = scan(
            r#"
            #[doc(alias = "get_host")]
            pub fn host() {}
            fn hidden() {}
            pub mod inner {
                #[doc = "A plain doc attribute is no alias."]
                pub fn plain() {}
            }
            impl Default for &Kitsu {
                #[doc(alias = "default")]
                fn default() -> Self { todo!() }
            }
            #[cfg(test)]
            mod tests {
                #[doc(alias = "get_shot")]
                pub fn not_this() {}
            }
            "#,
        );
        assert_eq!(
            found,
            [
                item("host", &["get_host"]),
                item("plain", &[]),
                item("Kitsu::default", &["default"]),
            ]
        );
    }

    #[test]
    fn an_alias_that_is_not_a_string_is_an_error_naming_the_item() {
        let error = scan_source(
            "impl K { #[doc(alias = 3)] pub fn f(&self) {} }",
            Path::new("k.rs"),
        )
        .err()
        .unwrap_or_default();
        assert!(
            error.contains("k.rs: f: doc alias is not a string"),
            "{error}"
        );
    }

    #[test]
    fn unparsable_source_is_an_error_naming_the_file() {
        let error = scan_source("impl {", Path::new("broken.rs"))
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("cannot parse broken.rs"), "{error}");
    }
}

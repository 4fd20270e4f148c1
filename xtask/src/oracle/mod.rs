//! `cargo xtask oracle [--module M]…`: the route oracle. For every covered gazu function of
//! the proven modules, gazu's function and our call run with the same inputs against the real
//! Zou through a recording proxy; what each sent (method, path with ids as `{}`, query keys,
//! JSON body keys) must be the same, and both calls must succeed, unless xtask/parity.toml's
//! `[oracle.differs]` or `[oracle.fails]` says why not.

pub mod case;
mod cases;
mod world;

use std::collections::BTreeSet;
use std::path::Path;

use crate::parity;
use crate::sh::Fallible;

/// The modules whose covered functions must each have a case.
fn selected(modules: &[String]) -> Fallible<Vec<(&'static str, Vec<case::Case>)>> {
    let all = cases::all();
    let known: BTreeSet<&str> = all.iter().map(|(module, _)| *module).collect();
    for module in modules {
        if !known.contains(module.as_str()) {
            return Err(format!(
                "oracle: no module `{module}` (the oracle proves {})",
                known.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|(module, _)| modules.is_empty() || modules.iter().any(|m| m == module))
        .collect())
}

/// Checks that the cases and the parity table agree: one case per covered function, no case
/// for a function that is not covered, no oracle declaration for a function without a case.
pub fn check_cases(workspace: &Path, modules: &[String]) -> Fallible {
    let selected = selected(modules)?;
    let names: Vec<&str> = selected.iter().map(|(module, _)| *module).collect();
    let (covered, declarations) = parity::covered(workspace, &names)?;
    let mut problems = Vec::new();
    let mut cased = BTreeSet::new();
    for (module, cases) in &selected {
        for case in cases {
            if !case.gazu.starts_with(&format!("{module}.")) {
                problems.push(format!(
                    "oracle: case `{}` is in the cases of `{module}`",
                    case.gazu
                ));
            }
            if !cased.insert(case.gazu) {
                problems.push(format!("oracle: two cases for `{}`", case.gazu));
            }
            if !covered.contains_key(case.gazu) {
                problems.push(format!(
                    "oracle: case `{}` is for a function the parity table does not show covered",
                    case.gazu
                ));
            }
        }
    }
    for key in covered.keys() {
        if !cased.contains(key.as_str()) {
            problems.push(format!(
                "oracle: `{key}` is covered but has no case in xtask/src/oracle/cases/"
            ));
        }
    }
    for key in declarations.differs.keys().chain(declarations.fails.keys()) {
        let module = key.split('.').next().unwrap_or_default();
        if names.contains(&module) && !cased.contains(key.as_str()) {
            problems.push(format!(
                "xtask/parity.toml: oracle `{key}` has no case to excuse"
            ));
        }
    }
    if problems.is_empty() {
        println!(
            "oracle: {} cases for the {} covered functions of {}",
            cased.len(),
            covered.len(),
            names.join(", ")
        );
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Runs the selected modules' cases on both sides against the running Zou.
pub async fn run(_workspace: &Path, zou: &crate::zou::Zou, modules: &[String]) -> Fallible {
    let _ = (
        zou,
        selected(modules)?,
        world::build,
        world::tear_down,
        cases::setup,
    );
    Err("oracle: the recording proxy lands next (skeleton)".into())
}

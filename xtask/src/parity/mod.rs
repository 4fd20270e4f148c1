//! `cargo xtask parity [--check-stale | --check]`: every public function of gazu's domain modules, the requests
//! it sends and what kitsu-rs offers for it; writes (or checks) docs/gazu-parity.md.
//!
//! gazu's side comes from its source (gazu_routes.py, run in the gazu venv). Ours comes from the
//! code: a public function or method with `#[doc(alias = "gazu_name")]` covers that function
//! (which also makes gazu's names searchable in rustdoc). What has no single Rust item, a
//! function done by several calls or one we decline, is written in xtask/parity.toml with the
//! calls or the reason, so reasons are reviewed in one place.

mod aliases;
mod table;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::gazu;
use crate::sh::{Fallible, output};

use aliases::Item;
use table::{Counts, Equivalent, GazuFunction, OracleNotes, Row};

const SCRIPT: &str = include_str!("gazu_routes.py");
/// gazu's domain modules, the ones studio code is written against.
pub const DOMAIN_MODULES: [&str; 18] = [
    "asset",
    "casting",
    "concept",
    "context",
    "edit",
    "entity",
    "files",
    "person",
    "playlist",
    "project",
    "project_template",
    "scene",
    "search",
    "shot",
    "studio",
    "sync",
    "task",
    "user",
];
/// The modules the breadth issues have finished: every function mapped, and every covered one
/// proven by the route oracle (`cargo xtask oracle` has a case for each).
pub const PROVEN_MODULES: [&str; 18] = [
    "asset",
    "casting",
    "concept",
    "context",
    "edit",
    "entity",
    "files",
    "person",
    "playlist",
    "project",
    "project_template",
    "scene",
    "search",
    "shot",
    "studio",
    "sync",
    "task",
    "user",
];
/// Modules whose functions repeat another module's under the same name: `context` delegates,
/// `user` asks for the logged-in user. A bare alias means the other module's function.
const SECONDARY_MODULES: [&str; 2] = ["context", "user"];
const TABLE: &str = "docs/gazu-parity.md";
const DECLARATIONS: &str = "xtask/parity.toml";

/// What gazu_routes.py prints.
#[derive(Debug, Deserialize)]
struct GazuSide {
    version: String,
    package_modules: Vec<String>,
    modules: BTreeMap<String, Vec<GazuFunction>>,
}

/// xtask/parity.toml: keys are `module.function`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Declarations {
    /// Functions kitsu-rs does not offer, with the reason.
    #[serde(default)]
    declined: BTreeMap<String, String>,
    /// Functions done by several Rust calls, with those calls (`Type::method`).
    #[serde(default)]
    composed: BTreeMap<String, Vec<String>>,
    /// What the route oracle accepts, with the reason.
    #[serde(default)]
    pub oracle: OracleDeclarations,
}

/// xtask/parity.toml's `[oracle.*]` tables, keyed by `module.function`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OracleDeclarations {
    /// Covered functions whose wire may differ from gazu's, with the reason.
    #[serde(default)]
    pub differs: BTreeMap<String, String>,
    /// Covered functions the Zou under test refuses for gazu and for us alike, with the reason.
    #[serde(default)]
    pub fails: BTreeMap<String, String>,
}

/// What the route oracle needs from the table: the covered functions (`module.name`, with the
/// Rust items that cover them) of the given modules, and the oracle's declarations.
pub fn covered(
    workspace: &Path,
    modules: &[&str],
) -> Fallible<(BTreeMap<String, Vec<String>>, OracleDeclarations)> {
    let (_, rows, declarations) = table(workspace)?;
    let covered = rows
        .into_iter()
        .filter(|row| modules.contains(&row.function.module.as_str()))
        .filter_map(|row| match row.equivalent {
            Equivalent::Covered(items) => Some((row.function.key(), items)),
            _ => None,
        })
        .collect();
    Ok((covered, declarations.oracle))
}

/// gazu's side, every function of its domain modules mapped to ours, and the declarations
/// (whose oracle excuses must name gazu functions).
fn table(workspace: &Path) -> Fallible<(GazuSide, Vec<Row>, Declarations)> {
    let gazu = read_gazu()?;
    let items = aliases::scan_workspace(workspace)?;
    let declarations = read_declarations(workspace)?;
    let functions: Vec<GazuFunction> = DOMAIN_MODULES
        .iter()
        .flat_map(|module| gazu.modules.get(*module).cloned().unwrap_or_default())
        .collect();
    let keys: BTreeSet<String> = functions.iter().map(GazuFunction::key).collect();
    let oracle = &declarations.oracle;
    if let Some(key) = oracle
        .differs
        .keys()
        .chain(oracle.fails.keys())
        .find(|key| !keys.contains(*key))
    {
        return Err(format!(
            "{DECLARATIONS}: oracle `{key}` is no public function of gazu's domain modules"
        ));
    }
    let rows = map(functions, &items, &declarations)?;
    Ok((gazu, rows, declarations))
}

fn read_declarations(workspace: &Path) -> Fallible<Declarations> {
    let path = workspace.join(DECLARATIONS);
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    toml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// What `cargo xtask parity` is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write docs/gazu-parity.md.
    Write,
    /// Fail if docs/gazu-parity.md is not what the code says now (CI runs this).
    CheckStale,
    /// Fail if it is stale or any function is unmapped (the breadth issues' finish line).
    Check,
}

/// The task.
pub fn parity(workspace: &Path, mode: Mode) -> Fallible {
    let (gazu, rows, declarations) = table(workspace)?;
    for note in module_notes(&gazu.package_modules) {
        println!("parity: {note}");
    }
    let counts = Counts::of(&rows);
    println!(
        "parity: gazu {}: {} functions, {} covered, {} composed, {} declined, {} unmapped",
        gazu.version,
        counts.total(),
        counts.covered,
        counts.composed,
        counts.declined,
        counts.unmapped
    );
    let notes = OracleNotes {
        proven: PROVEN_MODULES
            .iter()
            .map(|module| (*module).to_owned())
            .collect(),
        excuses: declarations
            .oracle
            .differs
            .iter()
            .map(|(key, reason)| (key.clone(), format!("the wire differs: {reason}")))
            .chain(declarations.oracle.fails.iter().map(|(key, reason)| {
                (
                    key.clone(),
                    format!("the Zou under test refuses it: {reason}"),
                )
            }))
            .collect(),
    };
    let text = table::markdown(&gazu.version, &rows, &notes);
    let target = workspace.join(TABLE);
    if mode == Mode::Write {
        return std::fs::write(&target, text)
            .map_err(|error| format!("cannot write {}: {error}", target.display()));
    }
    let mut problems = Vec::new();
    if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
        problems.push(format!("{TABLE} is stale: run `cargo xtask parity`"));
    }
    problems.extend(proven_problems(&rows));
    if mode == Mode::Check && counts.unmapped > 0 {
        problems.push(format!(
            "{} gazu functions are unmapped (see {TABLE}): give each a `#[doc(alias)]` or an \
             entry in {DECLARATIONS}",
            counts.unmapped
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// What keeps the proven modules from being done: a function unmapped, or more than 10 % of
/// their functions declined.
fn proven_problems(rows: &[Row]) -> Vec<String> {
    let proven: Vec<&Row> = rows
        .iter()
        .filter(|row| PROVEN_MODULES.contains(&row.function.module.as_str()))
        .collect();
    let counts = Counts::of(proven.iter().copied());
    let mut problems: Vec<String> = proven
        .iter()
        .filter(|row| row.equivalent == Equivalent::Unmapped)
        .map(|row| {
            format!(
                "`{}` is unmapped, and its module is one of the proven ones (PROVEN_MODULES)",
                row.function.key()
            )
        })
        .collect();
    if counts.declined * 10 >= counts.total().max(1) {
        problems.push(format!(
            "{} of the proven modules' {} functions are declined: that is 10 % or more",
            counts.declined,
            counts.total()
        ));
    }
    problems
}

/// Runs gazu_routes.py in the gazu venv.
fn read_gazu() -> Fallible<GazuSide> {
    let python = gazu::python()?;
    let printed = output(
        Command::new(python)
            .args(["-c", SCRIPT])
            .args(DOMAIN_MODULES),
    );
    let mut gazu: GazuSide = serde_json::from_str(&printed?)
        .map_err(|error| format!("gazu_routes.py printed no parity JSON: {error}"))?;
    for (module, functions) in &mut gazu.modules {
        for function in functions {
            function.module.clone_from(module);
        }
    }
    let missing: Vec<&str> = DOMAIN_MODULES
        .into_iter()
        .filter(|module| !gazu.modules.contains_key(*module))
        .collect();
    if missing.is_empty() {
        Ok(gazu)
    } else {
        Err(format!(
            "gazu {} has no module {}",
            gazu.version,
            missing.join(", ")
        ))
    }
}

/// Domain-looking modules of gazu's package that the table does not list.
fn module_notes(package_modules: &[String]) -> Vec<String> {
    package_modules
        .iter()
        .filter(|module| !DOMAIN_MODULES.contains(&module.as_str()))
        .map(|module| format!("gazu has a module `{module}` that the table does not list"))
        .collect()
}

/// Each gazu function with our equivalent; fails on an alias or declaration that does not fit.
fn map(
    functions: Vec<GazuFunction>,
    items: &[Item],
    declarations: &Declarations,
) -> Fallible<Vec<Row>> {
    let keys: BTreeSet<String> = functions.iter().map(GazuFunction::key).collect();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for function in &functions {
        by_name
            .entry(&function.name)
            .or_default()
            .push(&function.module);
    }
    let mut problems = Vec::new();
    let mut covered: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in items {
        for alias in &item.aliases {
            match resolve(alias, &keys, &by_name) {
                Ok(Some(key)) => covered.entry(key).or_default().push(item.path.clone()),
                Ok(None) => {}
                Err(problem) => problems.push(format!(
                    "{} ({}): {problem}",
                    item.path,
                    item.file.display()
                )),
            }
        }
    }
    let rust_items: BTreeSet<&str> = items.iter().map(|item| item.path.as_str()).collect();
    for (key, calls) in &declarations.composed {
        for call in calls {
            if !rust_items.contains(call.as_str()) {
                problems.push(format!(
                    "{DECLARATIONS}: composed `{key}` names `{call}`, which is no public \
                     function or method of the library crates"
                ));
            }
        }
        if calls.is_empty() {
            problems.push(format!("{DECLARATIONS}: composed `{key}` names no call"));
        }
    }
    let declared = declarations
        .declined
        .keys()
        .map(|key| ("declined", key))
        .chain(declarations.composed.keys().map(|key| ("composed", key)));
    let mut seen = BTreeSet::new();
    for (table, key) in declared {
        if !keys.contains(key) {
            problems.push(format!(
                "{DECLARATIONS}: {table} `{key}` is no public function of gazu's domain modules"
            ));
        } else if let Some(items) = covered.get(key) {
            problems.push(format!(
                "{DECLARATIONS}: {table} `{key}` is covered by {}",
                items.join(", ")
            ));
        }
        if !seen.insert(key) {
            problems.push(format!(
                "{DECLARATIONS}: `{key}` is both declined and composed"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok(functions
        .into_iter()
        .map(|function| {
            let key = function.key();
            let equivalent = if let Some(items) = covered.remove(&key) {
                Equivalent::Covered(items)
            } else if let Some(calls) = declarations.composed.get(&key) {
                Equivalent::Composed(calls.clone())
            } else if let Some(reason) = declarations.declined.get(&key) {
                Equivalent::Declined(reason.clone())
            } else {
                Equivalent::Unmapped
            };
            Row {
                function,
                equivalent,
            }
        })
        .collect())
}

/// The gazu function (`module.name`) an alias names, if any: `shot.get_shot`, or a bare name
/// defined in one module (`context` and `user` aside when another module has it too).
fn resolve(
    alias: &str,
    keys: &BTreeSet<String>,
    by_name: &BTreeMap<&str, Vec<&str>>,
) -> Fallible<Option<String>> {
    if let Some((module, _)) = alias.split_once('.') {
        if !DOMAIN_MODULES.contains(&module) {
            return Ok(None);
        }
        return if keys.contains(alias) {
            Ok(Some(alias.to_owned()))
        } else {
            Err(format!(
                "doc alias `{alias}` is no public function of gazu's `{module}`"
            ))
        };
    }
    let Some(modules) = by_name.get(alias) else {
        return Ok(None);
    };
    let primary: Vec<&str> = modules
        .iter()
        .copied()
        .filter(|module| !SECONDARY_MODULES.contains(module))
        .collect();
    match (primary.as_slice(), modules.as_slice()) {
        ([module], _) | ([], [module]) => Ok(Some(format!("{module}.{alias}"))),
        _ => Err(format!(
            "doc alias `{alias}` is in gazu's {}: write `module.{alias}` to say which",
            modules.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn function(module: &str, name: &str) -> GazuFunction {
        GazuFunction {
            module: module.to_owned(),
            name: name.to_owned(),
            routes: Vec::new(),
            composes: Vec::new(),
        }
    }

    fn functions() -> Vec<GazuFunction> {
        vec![
            function("shot", "get_shot"),
            function("task", "all_tasks_for_shot"),
            function("user", "all_tasks_for_shot"),
            function("asset", "all_asset_instances_for_shot"),
            function("shot", "all_asset_instances_for_shot"),
            function("context", "all_open_projects"),
            function("sync", "is_changed"),
        ]
    }

    fn item(path: &str, aliases: &[&str]) -> Item {
        Item {
            path: path.to_owned(),
            aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
            file: PathBuf::from("lib.rs"),
        }
    }

    fn equivalents(rows: &[Row]) -> Vec<(String, Equivalent)> {
        rows.iter()
            .map(|row| (row.function.key(), row.equivalent.clone()))
            .collect()
    }

    fn declarations(text: &str) -> Declarations {
        toml::from_str(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn aliases_cover_declarations_compose_and_decline_the_rest_is_unmapped() {
        let items = [
            item("ShotHandle::get", &["get_shot"]),
            item("ShotHandle::tasks", &["all_tasks_for_shot"]),
            item("Me::shot_tasks", &["user.all_tasks_for_shot"]),
            item("Collection<Project>::open", &["get_current_user"]),
        ];
        let declared = declarations(
            r#"
            [declined]
            "sync.is_changed" = "compares two dicts locally"
            [composed]
            "context.all_open_projects" = ["Collection<Project>::open", "ShotHandle::get"]
            "#,
        );
        let rows = map(functions(), &items, &declared).unwrap_or_else(|error| panic!("{error}"));
        let cover = |items: &[&str]| {
            Equivalent::Covered(items.iter().map(|item| (*item).to_owned()).collect())
        };
        assert_eq!(
            equivalents(&rows),
            [
                ("shot.get_shot".to_owned(), cover(&["ShotHandle::get"])),
                (
                    "task.all_tasks_for_shot".to_owned(),
                    cover(&["ShotHandle::tasks"])
                ),
                (
                    "user.all_tasks_for_shot".to_owned(),
                    cover(&["Me::shot_tasks"])
                ),
                (
                    "asset.all_asset_instances_for_shot".to_owned(),
                    Equivalent::Unmapped
                ),
                (
                    "shot.all_asset_instances_for_shot".to_owned(),
                    Equivalent::Unmapped
                ),
                (
                    "context.all_open_projects".to_owned(),
                    Equivalent::Composed(vec![
                        "Collection<Project>::open".to_owned(),
                        "ShotHandle::get".to_owned()
                    ])
                ),
                (
                    "sync.is_changed".to_owned(),
                    Equivalent::Declined("compares two dicts locally".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn an_alias_in_two_primary_modules_must_name_its_module() {
        let items = [item(
            "ShotHandle::instances",
            &["all_asset_instances_for_shot"],
        )];
        let error = map(functions(), &items, &Declarations::default())
            .err()
            .unwrap_or_default();
        assert!(
            error.contains("`all_asset_instances_for_shot` is in gazu's asset, shot: write `module.all_asset_instances_for_shot`"),
            "{error}"
        );
    }

    #[test]
    fn declarations_must_name_gazu_functions_and_rust_items_and_not_contradict_aliases() {
        let items = [item("ShotHandle::get", &["get_shot", "shot.no_such"])];
        let declared = declarations(
            r#"
            [declined]
            "shot.get_shot" = "covered anyway"
            "shot.gone" = "renamed in gazu"
            [composed]
            "sync.is_changed" = ["Nothing::here"]
            "#,
        );
        let error = map(functions(), &items, &declared)
            .err()
            .unwrap_or_default();
        for expected in [
            "doc alias `shot.no_such` is no public function of gazu's `shot`",
            "declined `shot.get_shot` is covered by ShotHandle::get",
            "declined `shot.gone` is no public function of gazu's domain modules",
            "composed `sync.is_changed` names `Nothing::here`, which is no public function",
        ] {
            assert!(error.contains(expected), "{expected:?} not in {error}");
        }
    }

    #[test]
    fn proven_modules_are_fully_mapped_and_decline_under_a_tenth() {
        let row = |name: &str, equivalent: Equivalent| Row {
            function: function("shot", name),
            equivalent,
        };
        let mut rows: Vec<Row> = (0..10)
            .map(|n| row(&format!("f{n}"), Equivalent::Covered(vec!["A::b".into()])))
            .collect();
        assert!(proven_problems(&rows).is_empty());
        rows.push(row("unmapped", Equivalent::Unmapped));
        let problems = proven_problems(&rows);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("`shot.unmapped` is unmapped"),
            "{problems:?}"
        );
        rows.pop();
        rows.push(row("declined", Equivalent::Declined("no".into())));
        assert!(proven_problems(&rows).is_empty(), "1 of 11 is under 10 %");
        rows.push(row("declined2", Equivalent::Declined("no".into())));
        let problems = proven_problems(&rows);
        assert!(problems[0].contains("10 % or more"), "{problems:?}");
        let elsewhere = Row {
            function: function("events", "unmapped"),
            equivalent: Equivalent::Unmapped,
        };
        assert_eq!(proven_problems(&[elsewhere]), Vec::<String>::new());
    }

    #[test]
    fn new_package_modules_are_noted() {
        let package: Vec<String> = ["asset", "shot", "timesheet"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            module_notes(&package),
            ["gazu has a module `timesheet` that the table does not list"]
        );
    }
}

//! `cargo xtask oracle [--module M]…`: the route oracle. For every covered gazu function of
//! the proven modules, gazu's function and our call run with the same inputs against the real
//! Zou through a recording proxy; what each sent (method, path with ids as `{}`, query keys,
//! JSON body keys) must be the same, and both calls must succeed, unless xtask/parity.toml's
//! `[oracle.differs]` or `[oracle.fails]` says why not.

pub mod case;
mod cases;
mod proxy;
mod world;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use kitsu::Kitsu;
use serde::Deserialize;

use crate::gazu;
use crate::parity::{self, OracleDeclarations};
use crate::sh::Fallible;
use crate::zou::Zou;
use case::{Case, Side, World};
use proxy::{Exchange, Recorder};

const RUNNER: &str = include_str!("runner.py");

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

/// Checks that the cases and the parity table agree: one case per covered function of a proven
/// module, no case for a function that is not covered, no oracle declaration for a function
/// without a case.
pub fn check_cases(workspace: &Path, modules: &[String]) -> Fallible {
    let with_cases: Vec<&str> = cases::all().iter().map(|(module, _)| *module).collect();
    let unfiled: Vec<&str> = parity::PROVEN_MODULES
        .iter()
        .copied()
        .filter(|module| !with_cases.contains(module))
        .collect();
    if !unfiled.is_empty() {
        return Err(format!(
            "oracle: the parity table's proven modules {} have no cases file in \
             xtask/src/oracle/cases/",
            unfiled.join(", ")
        ));
    }
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
    // Every covered function of a proven module has a case; in a module still in progress,
    // the cases written so far run.
    for key in covered.keys() {
        let module = key.split('.').next().unwrap_or_default();
        if parity::PROVEN_MODULES.contains(&module) && !cased.contains(key.as_str()) {
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

/// Runs the selected modules' cases on both sides against the running Zou: gazu's first (one
/// Python process), then ours, each side in a world of its own; then compares.
pub async fn run(workspace: &Path, zou: &Zou, modules: &[String]) -> Fallible {
    let selected = selected(modules)?;
    let names: Vec<&str> = selected.iter().map(|(module, _)| *module).collect();
    let (_, declarations) = parity::covered(workspace, &names)?;
    let cases: Vec<&Case> = selected.iter().flat_map(|(_, cases)| cases).collect();
    let recorder = Recorder::start(&zou.url()).await?;
    let kitsu = kitsu::create_session(&recorder.url(), &zou.email, &zou.password)
        .await
        .map_err(|error| format!("oracle: log in through the proxy: {error}"))?;
    let run_id = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_millis() % 0xff_ffff)
            .unwrap_or_default()
    );
    let mut worlds = Vec::new();
    let mut outcome = Ok(());
    for side in Side::BOTH {
        let mut world = World::new(side, &run_id);
        let built = world::build(&kitsu, &mut world).await;
        // A half-built world still has its project, to tear down.
        worlds.push(world);
        if let Err(error) = built {
            outcome = Err(format!(
                "oracle: building the {} world: {error}",
                side.name()
            ));
            break;
        }
        if let Some(world) = worlds.last_mut()
            && let Err(error) = cases::setup(&kitsu, world).await
        {
            outcome = Err(format!(
                "oracle: the {} world's setup: {error}",
                side.name()
            ));
            break;
        }
    }
    if outcome.is_ok() {
        outcome = run_and_compare(&recorder, &kitsu, zou, &cases, &worlds, &declarations).await;
    }
    for world in &worlds {
        if world.get("project").is_ok()
            && let Err(error) = world::tear_down(&kitsu, world).await
        {
            eprintln!(
                "oracle: could not remove the {} world: {error}",
                world.side().name()
            );
        }
    }
    if let Err(error) = kitsu.close().await {
        eprintln!("oracle: log out: {error}");
    }
    outcome
}

async fn run_and_compare(
    recorder: &Recorder,
    kitsu: &Kitsu,
    zou: &Zou,
    cases: &[&Case],
    worlds: &[World],
    declarations: &OracleDeclarations,
) -> Fallible {
    let world_of = |side: Side| {
        worlds
            .iter()
            .find(|world| world.side() == side)
            .ok_or_else(|| format!("oracle: no {} world", side.name()))
    };
    let gazu_errors = run_gazu(recorder, zou, cases, world_of(Side::Gazu)?)?;
    let rust_world = Arc::new(world_of(Side::Rust)?.clone());
    let mut problems = Vec::new();
    let mut excused = 0;
    for case in cases {
        recorder.begin(Side::Rust, case.gazu);
        let rust_error = (case.rust)(kitsu.clone(), rust_world.clone())
            .await
            .err()
            .map(|error| error.to_string());
        recorder.end();
        let gazu_error = gazu_errors.get(case.gazu).cloned().flatten();
        let gazu_wire = recorder.exchanges(case.gazu, Side::Gazu);
        let rust_wire = recorder.exchanges(case.gazu, Side::Rust);
        let undeclared: Vec<String> = rust_wire
            .iter()
            .filter(|exchange| !exchange.is_declared())
            .map(|exchange| format!("{} {}", exchange.method, exchange.raw_path))
            .collect();
        if !undeclared.is_empty() {
            let problem = format!(
                "kitsu-rs sent a request no declaration of kitsu_core::routes fits: {}",
                undeclared.join(", ")
            );
            println!("oracle: FAILS   {}\n           {problem}", case.gazu);
            problems.push(format!("{}: {problem}", case.gazu));
            continue;
        }
        let verdict = judge(
            case.gazu,
            &gazu_wire,
            &rust_wire,
            gazu_error.as_deref(),
            rust_error.as_deref(),
            declarations,
        );
        let label = match &verdict {
            Verdict::Same => "same",
            Verdict::Excused(_) => {
                excused += 1;
                "excused"
            }
            Verdict::Fails(_) => "FAILS",
        };
        println!("oracle: {label:<7} {}", case.gazu);
        if !matches!(verdict, Verdict::Same) {
            for (side, wire, error) in [
                ("gazu", &gazu_wire, &gazu_error),
                ("rust", &rust_wire, &rust_error),
            ] {
                for exchange in wire {
                    println!("           {side}  {exchange}");
                }
                if let Some(error) = error {
                    println!("           {side}  error: {error}");
                }
            }
        }
        match verdict {
            Verdict::Same => {}
            Verdict::Excused(reason) => println!("           excused: {reason}"),
            Verdict::Fails(problem) => {
                println!("           {problem}");
                problems.push(format!("{}: {problem}", case.gazu));
            }
        }
    }
    println!(
        "oracle: {} cases, {} the same on the wire, {} excused by xtask/parity.toml, {} failing",
        cases.len(),
        cases.len() - excused - problems.len(),
        excused,
        problems.len()
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "oracle: {} cases fail:\n{}",
            problems.len(),
            problems.join("\n")
        ))
    }
}

/// What a case's two runs say.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// The same wire, both calls succeeded.
    Same,
    /// A difference xtask/parity.toml explains.
    Excused(String),
    /// A difference nothing explains.
    Fails(String),
}

fn judge(
    function: &str,
    gazu_wire: &[Exchange],
    rust_wire: &[Exchange],
    gazu_error: Option<&str>,
    rust_error: Option<&str>,
    declarations: &OracleDeclarations,
) -> Verdict {
    let shape = |wire: &[Exchange]| {
        let mut keys: Vec<_> = wire.iter().map(Exchange::key).collect();
        keys.sort();
        keys
    };
    let same_wire = shape(gazu_wire) == shape(rust_wire);
    let differs = declarations.differs.get(function);
    let fails = declarations.fails.get(function);
    if !same_wire && differs.is_none() {
        return Verdict::Fails(
            "gazu and kitsu-rs sent different requests (a reason in [oracle.differs] of \
             xtask/parity.toml excuses it)"
                .into(),
        );
    }
    let only_gazu_fails = gazu_error.is_some() && rust_error.is_none();
    if same_wire
        && !only_gazu_fails
        && let Some(reason) = differs
    {
        return Verdict::Fails(format!(
            "the wire is the same, but [oracle.differs] still excuses it ({reason}): remove it"
        ));
    }
    match (gazu_error, rust_error, fails) {
        (None, None, None) => {}
        (Some(_), Some(_), Some(reason)) => return Verdict::Excused(reason.clone()),
        (None, None, Some(_)) => {
            return Verdict::Fails(
                "both calls succeed, but [oracle.fails] still excuses a failure: remove it".into(),
            );
        }
        (_, Some(error), _) => return Verdict::Fails(format!("kitsu-rs failed: {error}")),
        // gazu's call fails on the Zou under test where ours works: a difference to excuse.
        (Some(error), None, _) => {
            return match differs {
                Some(reason) => Verdict::Excused(reason.clone()),
                None => Verdict::Fails(format!("gazu failed: {error}")),
            };
        }
    }
    match differs {
        Some(reason) => Verdict::Excused(reason.clone()),
        None => Verdict::Same,
    }
}

/// Runs every case's Python in one gazu process; its error per case (`None` when it returned).
fn run_gazu(
    recorder: &Recorder,
    zou: &Zou,
    cases: &[&Case],
    world: &World,
) -> Fallible<BTreeMap<String, Option<String>>> {
    let spec = serde_json::json!({
        "host": recorder.url(),
        "email": zou.email,
        "password": zou.password,
        "cases": cases.iter().map(|case| serde_json::json!({
            "gazu": case.gazu,
            "python": case.python,
            "world": world.values(),
        })).collect::<Vec<_>>(),
    });
    let python = gazu::python()?;
    let mut child = Command::new(python)
        .args(["-c", RUNNER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|error| format!("oracle: cannot start gazu's python: {error}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(spec.to_string().as_bytes())
            .map_err(|error| format!("oracle: cannot write to gazu's python: {error}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|error| format!("oracle: gazu's python: {error}"))?;
    if !output.status.success() {
        return Err(format!("oracle: gazu's python failed ({})", output.status));
    }
    #[derive(Deserialize)]
    struct Ran {
        gazu: String,
        error: Option<String>,
    }
    let ran: Vec<Ran> = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("oracle: gazu's python printed no results: {error}"))?;
    Ok(ran.into_iter().map(|ran| (ran.gazu, ran.error)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(method: &str, path: &str, query: &[&str]) -> Exchange {
        Exchange {
            method: method.into(),
            path: path.into(),
            raw_path: path.into(),
            query: query.iter().map(|key| (*key).to_owned()).collect(),
            body: proxy::BodyShape::Empty,
            status: 200,
        }
    }

    #[test]
    fn the_wire_is_compared_whatever_the_order_and_the_statuses() {
        let none = OracleDeclarations::default();
        let gazu = [
            exchange("GET", "data/shots/all", &["name", "sequence_id"]),
            exchange("POST", "data/projects/{}/shots", &[]),
        ];
        let mut rust = [gazu[1].clone(), gazu[0].clone()];
        rust[0].status = 201;
        assert_eq!(
            judge("shot.new_shot", &gazu, &rust, None, None, &none),
            Verdict::Same
        );
        let fewer = [gazu[1].clone()];
        assert!(matches!(
            judge("shot.new_shot", &gazu, &fewer, None, None, &none),
            Verdict::Fails(_)
        ));
        let other_query = [
            exchange("GET", "data/shots/all", &["name"]),
            gazu[1].clone(),
        ];
        assert!(matches!(
            judge("shot.new_shot", &gazu, &other_query, None, None, &none),
            Verdict::Fails(_)
        ));
    }

    #[test]
    fn declarations_excuse_only_what_they_say_and_go_stale() {
        let mut declarations = OracleDeclarations::default();
        declarations
            .differs
            .insert("shot.new_shot".into(), "we skip the lookup".into());
        let gazu = [
            exchange("GET", "data/shots/all", &[]),
            exchange("POST", "p", &[]),
        ];
        let rust = [exchange("POST", "p", &[])];
        assert!(matches!(
            judge("shot.new_shot", &gazu, &rust, None, None, &declarations),
            Verdict::Excused(_)
        ));
        assert!(matches!(
            judge("shot.new_shot", &gazu, &gazu, None, None, &declarations),
            Verdict::Fails(_)
        ));
        assert!(matches!(
            judge(
                "shot.new_shot",
                &gazu,
                &rust,
                None,
                Some("404"),
                &declarations
            ),
            Verdict::Fails(_)
        ));
        // gazu's call fails where ours works: excused by [oracle.differs] only.
        assert!(matches!(
            judge(
                "shot.new_shot",
                &gazu,
                &rust,
                Some("405"),
                None,
                &declarations
            ),
            Verdict::Excused(_)
        ));
        assert!(matches!(
            judge(
                "shot.new_shot",
                &gazu,
                &gazu,
                Some("405"),
                None,
                &declarations
            ),
            Verdict::Excused(_)
        ));
        assert!(matches!(
            judge(
                "shot.get_shot",
                &gazu,
                &gazu,
                Some("405"),
                None,
                &declarations
            ),
            Verdict::Fails(_)
        ));
        declarations.fails.insert(
            "shot.get_shot".into(),
            "Zou 1.0.97 has no such route".into(),
        );
        let wire = [exchange("GET", "x", &[])];
        assert!(matches!(
            judge(
                "shot.get_shot",
                &wire,
                &wire,
                Some("404"),
                Some("404"),
                &declarations
            ),
            Verdict::Excused(_)
        ));
        assert!(matches!(
            judge("shot.get_shot", &wire, &wire, None, None, &declarations),
            Verdict::Fails(_)
        ));
        assert!(matches!(
            judge(
                "shot.get_shot",
                &wire,
                &wire,
                None,
                Some("404"),
                &declarations
            ),
            Verdict::Fails(_)
        ));
    }
}

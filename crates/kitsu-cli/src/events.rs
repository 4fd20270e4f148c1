//! `kitsu events watch`: Kitsu's live events, one JSON object a line.

use std::io::Write;

use clap::{Args, Subcommand};
use futures_util::StreamExt;
use kitsu::Kitsu;
use kitsu::events::{EventsError, Origin};
use serde_json::{Value, json};

use crate::error::{CliError, Code, Result};
use crate::resolve::{self, id_of};

/// `kitsu events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(subcommand)]
    what: Events,
}

#[derive(Debug, Subcommand)]
enum Events {
    /// Print events as they happen, one JSON object a line (`name`, `project_id`, `origin`,
    /// `data`), until interrupted or `--count` events.
    #[command(after_help = "\
Examples:
  kitsu events watch --project 'Agent 327' --name 'task:status-changed'
  kitsu events watch --name 'task:*' --name 'comment:*' | jq -r .name
  kitsu events watch --name 'preview-file:*' --count 1   # wait for the next upload

Names are Kitsu's (`task:status-changed`, `shot:update`…), `*` on either side; a name Kitsu never
publishes is refused with the closest one.")]
    Watch {
        /// Only events of this project (name or id; or KITSU_PROJECT).
        #[arg(short, long, env = "KITSU_PROJECT")]
        project: Option<String>,
        /// Only events named so (repeat for several): `task:status-changed`, `task:*`.
        #[arg(short, long = "name", value_name = "PATTERN")]
        names: Vec<String>,
        /// Stop after this many events.
        #[arg(short, long)]
        count: Option<u64>,
        /// After a reconnect, replay what was missed from Kitsu's event log (managers and
        /// admins).
        #[arg(long)]
        replay: bool,
        /// The event server's URL, when it is not at the API's origin (a bare Zou serves it
        /// on its own port).
        #[arg(long, env = "KITSU_EVENTS_URL")]
        events_url: Option<String>,
    },
}

/// Runs `kitsu events …`.
pub async fn run(kitsu: &Kitsu, args: EventsArgs) -> Result<()> {
    let Events::Watch {
        project,
        names,
        count,
        replay,
        events_url,
    } = args.what;
    let mut builder = kitsu.events().replay_missed(replay);
    if let Some(project) = project {
        let project = resolve::project(kitsu, &project).await?;
        builder = builder.project(id_of(&project).parse()?);
    }
    for name in names {
        builder = builder.name(name);
    }
    if let Some(url) = events_url {
        builder = builder.url(url);
    }
    let mut stream = builder.connect().await.map_err(|error| match error {
        EventsError::UnknownName(unknown) => CliError::usage(unknown.to_string()),
        other => CliError::from(other),
    })?;
    eprintln!("Watching events (Ctrl-C to stop)");
    let mut seen = 0u64;
    if count == Some(0) {
        return Ok(());
    }
    loop {
        let next = tokio::select! {
            next = stream.next() => next,
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        let Some(event) = next else {
            return Err(CliError::new(Code::Server, "the event stream ended"));
        };
        let event = match event {
            Ok(event) => event,
            Err(error) if error.is_fatal() => return Err(error.into()),
            Err(error) => {
                eprintln!("warning: {error}");
                continue;
            }
        };
        let data: Value = serde_json::from_str(event.payload()).unwrap_or(Value::Null);
        let line = match event.origin() {
            Origin::Live => json!({
                "name": event.name(),
                "project_id": event.project_id(),
                "origin": "live",
                "data": data,
            }),
            Origin::Replayed { id, created_at } => json!({
                "name": event.name(),
                "project_id": event.project_id(),
                "origin": "replayed",
                "event_id": id,
                "created_at": created_at,
                "data": data,
            }),
        };
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            // The reader went away (`| head -1`): done.
            return Ok(());
        }
        seen += 1;
        if count.is_some_and(|count| seen >= count) {
            return Ok(());
        }
    }
}

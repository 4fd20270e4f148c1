//! `kitsu`, the command line for Kitsu (Zou): list, show, comment, publish, download, watch
//! events, and call any route, from a terminal or a shell loop.
//!
//! Built on the `kitsu` crate. Run `kitsu --help` for the commands, their examples and the
//! exit codes.

mod api;
mod auth;
mod config;
mod connect;
mod error;
mod events;
mod files;
mod output;
mod read;
mod resolve;
mod write;

use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::connect::Target;
use crate::error::{CliError, Code, EXIT_CODES};
use crate::output::Format;

const EXAMPLES: &str = "\
Examples:
  kitsu login --host https://kitsu.mystudio.com/api
  kitsu ls shots --project 'Agent 327' --fields name,nb_frames
  kitsu ls tasks --project 'Agent 327' --assignee me --status wip
  kitsu comment SQ01/SH010/Animation 'Blocking done' --status wfa --project 'Agent 327'
  kitsu publish SH010/Animation blocking_v3.mp4 --comment 'v3' --project 'Agent 327'
  kitsu download previews --project 'Agent 327' --latest -j 8 --dir previews/
  kitsu ls shots --project 'Agent 327' -o ids | xargs -n1 kitsu show shot -o json
  kitsu events watch --name 'task:*' | jq .name
  kitsu api GET data/projects/open";

/// The command line for Kitsu: list, show, comment, publish, download, watch events, and call
/// any route.
///
/// Names or ids are accepted wherever an entity is named. On a terminal lists print as an
/// aligned table; piped, as tab-separated values (`-o` chooses).
#[derive(Debug, Parser)]
#[command(
    name = "kitsu",
    version,
    after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}\n\nEnvironment:\n  KITSU_HOST, KITSU_EMAIL, KITSU_PASSWORD, KITSU_TOKEN (a bot token), KITSU_PROJECT,\n  KITSU_PROFILE, KITSU_CONFIG_DIR (where profiles are saved)"),
    max_term_width = 100
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
struct Global {
    /// The saved login to use.
    #[arg(long, global = true, env = "KITSU_PROFILE", default_value = "default")]
    profile: String,
    /// The API's URL (`https://kitsu.mystudio.com/api`; `http://127.0.0.1:5000` for a bare Zou).
    #[arg(long, global = true, env = "KITSU_HOST")]
    host: Option<String>,
    /// Output format [default: table on a terminal, tsv otherwise].
    #[arg(short, long, global = true, value_enum)]
    output: Option<Format>,
    /// The fields (columns) to print, comma-separated: `--fields name,id`.
    #[arg(long, global = true)]
    fields: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Log in and save the tokens (never the password) in a profile.
    Login(auth::LoginArgs),
    /// Show the host, the API version and who is logged in.
    Status,
    /// Log out: revoke the tokens on the server and forget them.
    Logout,
    /// List projects, episodes, sequences, shots, assets, tasks, persons, playlists…
    #[command(alias = "list")]
    Ls(read::LsArgs),
    /// Show one entity, by name or id.
    Show(read::ShowArgs),
    /// Search persons, assets and shots by name.
    Search(read::SearchArgs),
    /// Comment on a task, setting its status, with attachments.
    Comment(write::CommentArgs),
    /// Change a task's status (a comment with a new status).
    SetStatus(write::SetStatusArgs),
    /// Assign people to a task (or unassign them).
    Assign(write::AssignArgs),
    /// Publish a movie or picture on a task: comment, upload with progress, wait for
    /// transcoding, set as the entity's main preview.
    Publish(write::PublishArgs),
    /// Create an episode, sequence, shot or asset (`--exist-ok`: get-or-create).
    New(write::NewArgs),
    /// Download previews (bounded concurrency, progress, skipping files already there) or any
    /// file route.
    Download(files::DownloadArgs),
    /// Upload files to any upload route (multipart, streamed, with progress).
    Upload(files::UploadArgs),
    /// Kitsu's live events.
    Events(events::EventsArgs),
    /// Call any route: `kitsu api GET data/projects/open`.
    Api(api::ApiArgs),
    /// Print a shell completion script: `kitsu completions bash > /etc/bash_completion.d/kitsu`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                Code::Usage as i32
            } else {
                0
            };
            let _ = error.print();
            return ExitCode::from(code as u8);
        }
    };
    if let Command::Completions { shell } = cli.command {
        let mut command = Cli::command();
        clap_complete::generate(shell, &mut command, "kitsu", &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            return CliError::new(Code::Failure, format!("cannot start: {error}")).report();
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}

async fn run(cli: Cli) -> error::Result<()> {
    let target = Target {
        profile: cli.global.profile.clone(),
        host: cli.global.host.clone(),
    };
    let view = output::View {
        format: cli.global.output,
        fields: cli.global.fields.clone(),
    };
    match cli.command {
        Command::Login(args) => return auth::login(&target, args).await,
        Command::Logout => return auth::logout(&target).await,
        Command::Completions { .. } => return Ok(()),
        _ => {}
    }
    let connection = connect::Connection::open(&target).await?;
    let kitsu = &connection.kitsu;
    let result = match cli.command {
        Command::Status => auth::status(&connection, &target, &view).await,
        Command::Ls(args) => read::ls(kitsu, args, &view).await,
        Command::Show(args) => read::show(kitsu, args, &view).await,
        Command::Search(args) => read::search(kitsu, args, &view).await,
        Command::Comment(args) => write::comment(kitsu, args, &view).await,
        Command::SetStatus(args) => write::set_status(kitsu, args, &view).await,
        Command::Assign(args) => write::assign(kitsu, args, &view).await,
        Command::Publish(args) => write::publish(kitsu, args, &view).await,
        Command::New(args) => write::new(kitsu, args, &view).await,
        Command::Download(args) => files::download(kitsu, args).await,
        Command::Upload(args) => files::upload(kitsu, args).await,
        Command::Events(args) => events::run(kitsu, args).await,
        Command::Api(args) => api::run(kitsu, args).await,
        Command::Login(_) | Command::Logout | Command::Completions { .. } => Ok(()),
    };
    let finished = connection.finish().await;
    result.and(finished)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}

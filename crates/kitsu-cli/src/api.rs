//! `kitsu api`: any route, like `gh api`.

use clap::{Args, ValueEnum};
use kitsu::{Kitsu, Query};
use serde_json::{Map, Value};

use crate::error::{CliError, Code, Result};
use crate::output::print_json;

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Method {
    /// Read.
    Get,
    /// Create or act.
    Post,
    /// Update.
    Put,
    /// Delete.
    Delete,
}

/// `kitsu api`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu api GET data/projects/open
  kitsu api GET data/tasks -f project_id=<id> -f task_status_id=<id>
  kitsu api PUT data/tasks/<id> -F priority=1
  kitsu api POST data/projects -f name='New film' -f production_type=short
  kitsu api DELETE data/playlists/<id>
  echo '{\"name\": \"Agent 327\"}' | kitsu api POST data/projects --input -

The path is relative to the API's URL, as the server's routes are written. For GET and DELETE
the fields go in the query string; otherwise they make the JSON body. The answer is printed as
JSON.")]
pub struct ApiArgs {
    /// GET, POST, PUT or DELETE.
    #[arg(ignore_case = true)]
    method: Method,
    /// The route: `data/projects/open`, `data/tasks/<id>`.
    path: String,
    /// A string field, `name=value` (repeat for several).
    #[arg(short = 'f', long = "raw-field", value_name = "NAME=VALUE")]
    raw_fields: Vec<String>,
    /// A typed field, `name=value`: numbers, true, false, null and JSON are decoded.
    #[arg(short = 'F', long = "field", value_name = "NAME=VALUE")]
    fields: Vec<String>,
    /// The JSON body from a file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    input: Option<String>,
}

fn split(field: &str) -> Result<(&str, &str)> {
    field
        .split_once('=')
        .filter(|(name, _)| !name.is_empty())
        .ok_or_else(|| CliError::usage(format!("field {field:?}: write NAME=VALUE")))
}

/// Runs the call and prints the answer.
pub async fn run(kitsu: &Kitsu, args: ApiArgs) -> Result<()> {
    let mut fields = Map::new();
    for field in &args.raw_fields {
        let (name, value) = split(field)?;
        fields.insert(name.to_owned(), Value::from(value));
    }
    for field in &args.fields {
        let (name, value) = split(field)?;
        let typed = serde_json::from_str(value).unwrap_or_else(|_| Value::from(value));
        fields.insert(name.to_owned(), typed);
    }
    let path = args.path.trim_start_matches('/');
    let body = match &args.input {
        Some(input) => {
            let text = if input == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(
                    |error| CliError::new(Code::Failure, format!("cannot read stdin: {error}")),
                )?;
                text
            } else {
                std::fs::read_to_string(input)
                    .map_err(|error| CliError::usage(format!("cannot read {input}: {error}")))?
            };
            let mut body: Value = serde_json::from_str(&text)
                .map_err(|error| CliError::usage(format!("the input is not JSON: {error}")))?;
            if let Value::Object(object) = &mut body {
                object.extend(fields.clone());
            }
            body
        }
        None => Value::Object(fields.clone()),
    };
    let query = || {
        fields.iter().fold(Query::new(), |query, (name, value)| {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            query.param(name, text)
        })
    };
    let answer: Value = match args.method {
        Method::Get => kitsu.get_with(path, &query()).await?,
        Method::Delete => {
            kitsu.delete_with(path, &query()).await?;
            eprintln!("Deleted {path}");
            return Ok(());
        }
        Method::Post => kitsu.post(path, &body).await?,
        Method::Put => kitsu.put(path, &body).await?,
    };
    print_json(&answer)
}

//! Printing rows: an aligned table for people, JSON, NDJSON, TSV or bare ids for programs.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use serde_json::Value;

use crate::error::{CliError, Code, Result};

/// How rows are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns with a header (the default on a terminal).
    Table,
    /// One JSON array (an object for `show`).
    Json,
    /// One JSON object a line, for `jq` and streaming.
    Ndjson,
    /// Tab-separated values, no header (the default when piped): `while IFS=$'\t' read …`.
    Tsv,
    /// The ids only, one a line.
    Ids,
}

impl Format {
    /// The format asked for, or the default for where stdout goes.
    pub fn resolve(asked: Option<Format>) -> Format {
        asked.unwrap_or_else(|| {
            if std::io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Tsv
            }
        })
    }
}

/// A field's value as a cell: strings bare, null empty, lists joined by commas, the rest JSON.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| cell(Some(item)))
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        text.to_owned()
    }
}

/// The columns to print: `--fields` if given, else the command's defaults.
pub fn columns(fields: Option<&str>, defaults: &[&str]) -> Vec<String> {
    match fields {
        Some(fields) => fields
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        None => defaults.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// A row cut to `columns`, in their order (a `serde_json::Map` would sort them).
#[derive(Debug)]
struct Projected<'a> {
    row: &'a Value,
    columns: &'a [String],
}

impl serde::Serialize for Projected<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for column in self.columns {
            map.serialize_entry(column, self.row.get(column).unwrap_or(&Value::Null))?;
        }
        map.end()
    }
}

/// A row as printed: whole, or cut to the columns.
#[derive(Debug)]
enum Shown<'a> {
    Whole(&'a Value),
    Cut(Projected<'a>),
}

impl serde::Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Whole(row) => row.serialize(serializer),
            Shown::Cut(projected) => projected.serialize(serializer),
        }
    }
}

fn shown<'a>(row: &'a Value, columns: &'a [String], all_fields: bool) -> Shown<'a> {
    if all_fields {
        Shown::Whole(row)
    } else {
        Shown::Cut(Projected { row, columns })
    }
}

fn write_failed(error: std::io::Error) -> CliError {
    CliError::new(Code::Failure, format!("cannot write the output: {error}"))
}

/// Prints a list. With `--fields`, JSON and NDJSON carry only those fields; otherwise whole rows.
pub fn list(rows: &[Value], format: Format, columns: &[String], all_fields: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = write_list(&mut out, rows, format, columns, all_fields).and_then(|()| out.flush());
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(write_failed),
    }
}

fn write_list(
    out: &mut impl Write,
    rows: &[Value],
    format: Format,
    columns: &[String],
    all_fields: bool,
) -> std::io::Result<()> {
    let shaped = |row| shown(row, columns, all_fields);
    match format {
        Format::Json => {
            let rows: Vec<Shown<'_>> = rows.iter().map(shaped).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Ndjson => {
            for row in rows {
                serde_json::to_writer(&mut *out, &shaped(row))?;
                writeln!(out)?;
            }
        }
        Format::Ids => {
            for row in rows {
                writeln!(out, "{}", cell(row.get("id")))?;
            }
        }
        Format::Tsv => {
            for row in rows {
                let cells: Vec<String> = columns
                    .iter()
                    .map(|c| one_line(&cell(row.get(c))))
                    .collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
        }
        Format::Table => {
            if rows.is_empty() {
                return Ok(());
            }
            let header: Vec<String> = columns.iter().map(|c| c.to_uppercase()).collect();
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    columns
                        .iter()
                        .map(|c| truncate(&one_line(&cell(row.get(c))), 60))
                        .collect()
                })
                .collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for line in &body {
                for (width, text) in widths.iter_mut().zip(line) {
                    *width = (*width).max(text.chars().count());
                }
            }
            for line in std::iter::once(&header).chain(&body) {
                let mut text = String::new();
                for (i, (value, width)) in line.iter().zip(&widths).enumerate() {
                    if i + 1 == line.len() {
                        text.push_str(value);
                    } else {
                        text.push_str(value);
                        text.push_str(&" ".repeat(width - value.chars().count() + 2));
                    }
                }
                writeln!(out, "{}", text.trim_end())?;
            }
        }
    }
    Ok(())
}

/// Prints one row: `key: value` lines in a table, else as [`list`] would print a list of one
/// (JSON prints the object itself).
pub fn one(row: &Value, format: Format, columns: &[String], all_fields: bool) -> Result<()> {
    match format {
        Format::Table => {
            let keys: Vec<String> = if all_fields {
                row.as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default()
            } else {
                columns.to_vec()
            };
            let width = keys.iter().map(|k| k.chars().count()).max().unwrap_or(0);
            let mut text = String::new();
            for key in &keys {
                let value = one_line(&cell(row.get(key)));
                text.push_str(format!("{key:<width$}  {value}").trim_end());
                text.push('\n');
            }
            print_text(&text)
        }
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&shown(row, columns, all_fields))
                .map_err(|error| CliError::new(Code::Failure, error.to_string()))?;
            text.push('\n');
            print_text(&text)
        }
        other => list(std::slice::from_ref(row), other, columns, all_fields),
    }
}

/// Prints text on stdout, a closed pipe being no error.
pub fn print_text(text: &str) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(write_failed),
    }
}

/// Prints a JSON value, pretty, on stdout.
pub fn print_json(value: &Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| CliError::new(Code::Failure, error.to_string()))?;
    text.push('\n');
    print_text(&text)
}

/// The output options of a command: `-o` and `--fields`.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// `-o`.
    pub format: Option<Format>,
    /// `--fields`.
    pub fields: Option<String>,
}

impl View {
    /// The format in effect.
    pub fn format(&self) -> Format {
        Format::resolve(self.format)
    }

    fn shape(&self, defaults: &[&str]) -> (Format, Vec<String>, bool) {
        let format = self.format();
        let columns = columns(self.fields.as_deref(), defaults);
        // JSON keeps whole rows unless fields were chosen.
        let all = matches!(format, Format::Json | Format::Ndjson) && self.fields.is_none();
        (format, columns, all)
    }

    /// Prints rows, with `defaults` as the columns unless `--fields` says.
    pub fn list(&self, rows: &[Value], defaults: &[&str]) -> Result<()> {
        let (format, columns, all) = self.shape(defaults);
        list(rows, format, &columns, all)
    }

    /// Prints one row.
    pub fn one(&self, row: &Value, defaults: &[&str]) -> Result<()> {
        let (format, columns, all) = self.shape(defaults);
        one(row, format, &columns, all)
    }
}

//! meldpunt: a terminal helpdesk for IT incident management.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod keymap;
pub mod mail;
pub mod output_file;
pub mod panes;
pub mod report;
pub mod service;
pub mod store;
pub mod terminal;
pub mod ui;

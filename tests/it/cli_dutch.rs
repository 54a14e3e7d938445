//! Dutch on the command line: the help of every command, clap's refusals
//! and meldpunt's own errors, when the config or the locale says Dutch.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

/// Every command path of the tree, meldpunt itself first.
fn command_paths() -> Vec<String> {
    meldpunt::cli::help::english_texts()
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| !key.split(' ').any(|part| part.starts_with("--") || part.starts_with('<')))
        .collect()
}

fn help(s: &Sandbox, path: &str, envs: &[(&str, &str)]) -> String {
    let mut args: Vec<&str> = path.split(' ').filter(|p| !p.is_empty()).collect();
    args.push("--help");
    let out = s.run_with(&args, envs);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The description column of a help text: the words after an option,
/// argument or command and the about line.
fn descriptions(help: &str) -> Vec<String> {
    help.lines()
        .map(|line| {
            let line = line.trim();
            match line.find("  ") {
                Some(i) if line.starts_with('-') || line.starts_with('<') || !line.contains(". ") => {
                    line[i..].trim().to_string()
                }
                _ => line.to_string(),
            }
        })
        .filter(|d| d.split_whitespace().count() >= 3)
        .collect()
}

#[test]
fn every_commands_help_is_dutch_when_the_config_says_so() {
    let s = Sandbox::new();
    let config = s.dir.path().join("home/.config/meldpunt/config.toml");
    let paths = command_paths();
    assert!(paths.len() > 60, "{paths:?}");
    for path in &paths {
        std::fs::write(&config, "user = \"tester\"\n").unwrap();
        let english = help(&s, path, &[]);
        std::fs::write(&config, "user = \"tester\"\nlanguage = \"nl\"\n").unwrap();
        let dutch = help(&s, path, &[]);
        assert!(dutch.contains("Gebruik: meldpunt"), "{path}:\n{dutch}");
        for word in ["Usage", "Options:", "Arguments:", "Commands:", "Print help", "[default:", "[env:", "[possible"] {
            assert!(!dutch.contains(word), "{path}: {word:?} in\n{dutch}");
        }
        for sentence in descriptions(&english) {
            assert!(!dutch.contains(&sentence), "{path}: untranslated {sentence:?} in\n{dutch}");
        }
    }
}

#[test]
fn help_follows_the_locale_and_the_config_named_on_the_command_line() {
    let s = Sandbox::new();
    let nl = help(&s, "ticket", &[("LANG", "nl_NL.UTF-8")]);
    assert!(nl.contains("Registreer een nieuwe melding") && nl.contains("Opdrachten:"), "{nl}");
    let named = s.dir.path().join("english.toml");
    std::fs::write(&named, "language = \"en\"\n").unwrap();
    let out = s.run_with(&["--config", named.to_str().unwrap(), "ticket", "--help"], &[("LANG", "nl_NL.UTF-8")]);
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(en.contains("Register a new ticket") && en.contains("Commands:"), "{en}");
    // A command without its subcommand shows the help, in Dutch too.
    let out = s.run_with(&["ticket"], &[("LANG", "nl_NL.UTF-8")]);
    let shown = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success() && shown.contains("Registreer een nieuwe melding"), "{shown}");
}

#[test]
fn claps_refusals_are_dutch() {
    let s = Sandbox::new();
    let nl = [("LANG", "nl_NL.UTF-8")];
    let refused = |args: &[&str]| {
        let out = s.run_with(args, &nl);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let err = refused(&["ticket", "list", "--lmit", "3"]);
    assert!(err.contains("fout: onbekend argument '--lmit'") && err.contains("'--limit'"), "{err}");
    assert!(err.contains("Gebruik: meldpunt ticket list [OPTIES]") && err.contains("Meer informatie"), "{err}");
    let err = refused(&["feedback", "1", "--score", "9"]);
    assert!(err.contains("ongeldige waarde '9' voor '--score <SCORE>': 9 ligt niet tussen 1 en 5"), "{err}");
    let err = refused(&["demo", "--seed", "veel"]);
    assert!(err.contains("dat is geen geheel getal"), "{err}");
    let err = refused(&["ticket", "show"]);
    assert!(err.contains("deze verplichte argumenten ontbreken:") && err.contains("<NUMMER>"), "{err}");
    let err = refused(&["ticket", "shw"]);
    assert!(err.contains("onbekende opdracht 'shw'") && err.contains("'show'"), "{err}");
    let err = refused(&["ticket", "list", "--asc", "--desc"]);
    assert!(err.contains("kan niet samen met"), "{err}");
    for english in ["error:", "Usage", "unexpected", "tip: a similar", "For more information", "is not in"] {
        for args in [&["ticket", "list", "--lmit", "3"][..], &["feedback", "1", "--score", "9"]] {
            assert!(!refused(args).contains(english), "{english:?} for {args:?}");
        }
    }
    // English stays clap's own.
    let out = s.run(&["ticket", "list", "--lmit", "3"]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("error: unexpected argument '--lmit' found"));
}

#[test]
fn roles_are_named_in_dutch_and_taken_by_their_dutch_names() {
    let s = Sandbox::new();
    let db = s.db();
    let nl = [("LANG", "nl_NL.UTF-8")];
    let run = |args: &[&str]| s.run_with(&with_db(&db, args), &nl);
    assert!(run(&["init"]).status.success());
    let out = run(&["agent", "add", "tvos", "--name", "Tom Vos", "--role", "technicus"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(run(&["agent", "add", "lbakker", "--name", "Lies", "--role", "lead"]).status.success());
    let list = String::from_utf8(run(&["agent", "list"]).stdout).unwrap();
    for dutch in ["technicus", "teamleider"] {
        assert!(list.contains(dutch), "{dutch} missing:\n{list}");
    }
    assert!(!list.contains("technician") && !list.contains("lead "), "{list}");
    let out = run(&["agent", "add", "x", "--name", "X", "--role", "baas"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("technician (technicus)") && err.contains("is niet een van"), "{err}");
    let en = String::from_utf8(s.run(&with_db(&db, &["agent", "list"])).stdout).unwrap();
    assert!(en.contains("technician") && en.contains("lead"), "{en}");
    // The audit trail names the field and the role in Dutch too.
    let audit = String::from_utf8(run(&["audit"]).stdout).unwrap();
    let tom = audit.lines().find(|l| l.contains("tvos") && l.contains("toegevoegd  rol")).unwrap_or_default();
    assert!(tom.contains("— → technicus"), "{audit}");
    assert!(!audit.contains("technician") && !audit.contains("  role  "), "{audit}");
}

#[test]
fn meldpunts_own_refusals_are_dutch() {
    let s = Sandbox::new();
    let db = s.db();
    let refused = |args: &[&str], lang: &str| {
        let out = s.run_with(&with_db(&db, args), &[("LANG", lang)]);
        assert!(!out.status.success(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let cases: [(&[&str], &str, &str); 4] = [
        (&["setting", "set", "trust_config_user", "misschien"], "yes of no (ja of nee), niet 'misschien'", "yes or no"),
        (
            &["sla", "due", "--calendar", "always", "--start", "2026-11-23T16:00:00+01:00", "--duration", "4x"],
            "ongeldige duur \"4x\"",
            "unknown unit",
        ),
        (&["report", "daily", "--period", "gisteren"], "'gisteren' is niet een van: today, week", "is not one of"),
        (&["report", "dagelijks"], "'dagelijks' is niet een van: daily, sla", "is not one of"),
    ];
    for (args, dutch, english) in cases {
        let err = refused(args, "nl_NL.UTF-8");
        assert!(err.contains(dutch) && !err.contains(english), "{args:?}: {err}");
        let err = refused(args, "en_GB.UTF-8");
        assert!(err.contains(english), "{args:?}: {err}");
    }
}

#[test]
fn config_and_mapping_errors_are_dutch() {
    let s = Sandbox::new();
    let nl = [("LANG", "nl_NL.UTF-8")];
    let config = s.dir.path().join("bad.toml");
    let cases = [
        ("reopen_days = -1\n", "-1 is geen aantal dagen tussen 0 en 3650", "is not a number of days"),
        ("retention_months = 0\n", "0 is geen aantal maanden van 1 tot 1200", "is not a number of months"),
        ("[sla.P1]\nresponse = \"4x\"\n", "ongeldige duur \"4x\"", "unknown unit"),
        (
            "[[closure.code]]\nname = \"Opgelost!\"\nen = \"Solved\"\n",
            "is geen naam: gebruik kleine letters",
            "not a name",
        ),
    ];
    for (text, dutch, english) in cases {
        std::fs::write(&config, text).unwrap();
        let out = s.run_with(&["--config", config.to_str().unwrap(), "init"], &nl);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(dutch) && !err.contains(english), "{text}: {err}");
        let out = s.run(&["--config", config.to_str().unwrap(), "init"]);
        assert!(String::from_utf8(out.stderr).unwrap().contains(english), "{text}");
    }
    let mapping = s.dir.path().join("mapping.toml");
    std::fs::write(
        &mapping,
        "timezone = \"Mars/Olympus\"\n[columns]\ntitle = \"a\"\nreporter = \"b\"\ncreated_at = \"c\"\n",
    )
    .unwrap();
    let csv = s.dir.path().join("rows.csv");
    std::fs::write(&csv, "a,b,c\n").unwrap();
    let db = s.db();
    let args = ["import", csv.to_str().unwrap(), "--mapping", mapping.to_str().unwrap(), "--dry-run"];
    let out = s.run_with(&with_db(&db, &args), &nl);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("'Mars/Olympus' is geen IANA-tijdzone"), "{err}");
}

#[test]
fn import_refusals_are_dutch() {
    let s = Sandbox::new();
    let db = s.db();
    let nl = [("LANG", "nl_NL.UTF-8")];
    let csv = s.dir.path().join("rows.csv");
    std::fs::write(&csv, "a,b,c\n1,2,3\n").unwrap();
    let import = |file: &str, lang: &[(&str, &str)]| {
        let out = s.run_with(&with_db(&db, &["import", file, "--dry-run"]), lang);
        assert!(!out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    let err = import(csv.to_str().unwrap(), &nl);
    assert!(err.contains("de kolom") && err.contains("ontbreekt (de eerste regel noemt de kolommen)"), "{err}");
    assert!(import(csv.to_str().unwrap(), &[]).contains("is missing"));
    let mapping = s.dir.path().join("mapping.toml");
    let columns = "[columns]\ntitle = \"t\"\nreporter = \"r\"\ncreated_at = \"c\"\nchannel = \"k\"\n";
    std::fs::write(&mapping, columns).unwrap();
    std::fs::write(&csv, "t,r,c,k\n,Piet,2026-11-01 10:00:00,phone\nPrinter,Piet,2026-11-01 10:00:00,fax\n").unwrap();
    let args = ["import", csv.to_str().unwrap(), "--mapping", mapping.to_str().unwrap(), "--dry-run"];
    let out = s.run_with(&with_db(&db, &args), &nl);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("regel 2: title: is leeg") && err.contains("regel 3: channel: 'fax' is geen kanaal"), "{err}");
    let out = s.run(&with_db(&db, &args));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2: title: is empty") && err.contains("'fax' is not a channel"), "{err}");
    let gone = s.dir.path().join("gone.csv");
    let err = import(gone.to_str().unwrap(), &nl);
    assert!(err.contains("kan ") && err.contains("niet lezen"), "{err}");
    let json = s.dir.path().join("export.json");
    std::fs::write(&json, "{\n  \"tickets\": [\n").unwrap();
    let out = s.run_with(&with_db(&db, &["import", json.to_str().unwrap(), "--format", "json"]), &nl);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("regel 3, kolom"), "{err}");
    std::fs::write(&json, "{\"tickets\": []}").unwrap();
    let out = s.run_with(&with_db(&db, &["import", json.to_str().unwrap(), "--format", "json"]), &nl);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Er is niets geïmporteerd: geen meldpunt-export"), "{err}");
}

#[test]
fn completions_describe_the_commands_in_dutch() {
    let s = Sandbox::new();
    let out = s.run_with(&["completions", "fish"], &[("LANG", "nl_NL.UTF-8")]);
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("Registreer een nieuwe melding"), "{script}");
    let _ = with_db;
}

#[test]
fn a_wrong_calendar_value_is_said_in_dutch() {
    let s = Sandbox::new();
    let config = s.dir.path().join("home/.config/meldpunt/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "language = \"nl\"\n\n[calendars.office]\nmonday = [\"09:00-17:00\", \"16:00-18:00\"]\n")
        .unwrap();
    // A config that cannot be read cannot say its language: the locale does.
    let nl = [("LANG", "nl_NL.UTF-8")];
    let out = s.run_with(&["ticket", "list"], &nl);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("overlapt") && err.contains("calendars.office.monday"), "{err}");
    std::fs::write(&config, "language = \"nl\"\n\n[calendars.office]\ntuesday = [\"9 tot 5\"]\n").unwrap();
    let err = String::from_utf8_lossy(&s.run_with(&["ticket", "list"], &nl).stderr).to_string();
    assert!(err.contains("is geen tijdvak"), "{err}");
}

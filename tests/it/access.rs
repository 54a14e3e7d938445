//! Who may do what, enforced by the store whoever asks: every role against
//! every kind of change, people who are not set up, and whose name is
//! believed.

use crate::common;

use common::{incident, ready_to_close, t0, temp_db};
use meldpunt::config::{Config, Environment};
use meldpunt::domain::access::Identity;
use meldpunt::domain::access::Setting;
use meldpunt::domain::classification::Classification;
use meldpunt::domain::escalation::Role;
use meldpunt::domain::knowledge::Review;
use meldpunt::domain::people::AgentRecord;
use meldpunt::domain::queue::{Cursor, PageRequest, Sort, SortColumn};
use meldpunt::domain::{Field, Level};
use meldpunt::store::{Store, StoreError};

fn person(login: &str, role: &str) -> AgentRecord {
    AgentRecord { login: login.into(), name: login.into(), email: None, line: 1, role: role.into(), teams: Vec::new() }
}

/// A servicedesk with one person of each role, ticket 1 open and ticket 2
/// closed.
fn servicedesk() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for (login, role) in [("olga", "operator"), ("tom", "technician"), ("lisa", "lead"), ("ad", "admin")] {
        store.add_agent(&person(login, role)).unwrap();
    }
    store.create_ticket("olga", t0(), &incident("Open one", "Kees")).unwrap();
    store.create_ticket("olga", t0(), &incident("Closed one", "Kees")).unwrap();
    for s in ["in_progress", "resolved"] {
        store.update_ticket("tom", t0(), 2, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    ready_to_close(&store, 2);
    store.close("tom", t0(), 2, None, "solved").unwrap();
    (dir, path)
}

/// Tries one change of each kind as `login`; which were let through.
fn attempts(path: &std::path::Path, login: &str) -> Vec<(&'static str, bool)> {
    let store = Store::open(path).unwrap().as_user(login, false, None).unwrap();
    let allowed = |r: Result<(), StoreError>| match r {
        Ok(()) => true,
        Err(StoreError::NotAllowed { .. } | StoreError::UnknownUser(_)) => false,
        Err(e) => panic!("{login}: {e}"),
    };
    let classification = Classification {
        category: Some("Network".into()),
        subcategory: None,
        service: None,
        impact: Level::new(3).unwrap(),
        urgency: Level::new(3).unwrap(),
        overridden: None,
    };
    let review = Review {
        what_happened: "Mail stopped".into(),
        cause: "A full disk".into(),
        recommendations: "Watch the disk".into(),
        ..Default::default()
    };
    vec![
        ("register", allowed(store.create_ticket(login, t0(), &incident("New", "Kees")).map(|_| ()))),
        ("classify", allowed(store.classify(login, t0(), 1, None, &classification).map(|_| ()))),
        (
            "assign",
            allowed(store.update_ticket(login, t0(), 1, None, &[(Field::Team, Some("Network".into()))]).map(|_| ())),
        ),
        (
            "work",
            allowed(store.add_entry(login, t0(), 1, &meldpunt::domain::entry::NewEntry::note("On it")).map(|_| ())),
        ),
        (
            "resolve",
            allowed(["in_progress", "resolved"].iter().try_for_each(|s| {
                store.update_ticket(login, t0(), 1, None, &[(Field::Status, Some(s.to_string()))]).map(|_| ())
            })),
        ),
        (
            "reopen closed",
            allowed(
                store.update_ticket(login, t0(), 2, None, &[(Field::Status, Some("in_progress".into()))]).map(|_| ()),
            ),
        ),
        ("complete review", allowed(store.save_review(login, t0(), 2, &review, true))),
        ("learn", allowed(store.create_problem(login, t0(), "Disks fill up", &[1]).map(|_| ()))),
        ("manage people", allowed(store.add_team("Facilities", 1))),
        ("reference data", allowed(store.seed_reference(&Default::default()))),
        ("settings", allowed(store.set_setting(Setting::UnknownUserRole, "none").map(|_| ()))),
    ]
}

#[test]
fn each_role_may_do_its_part_and_the_store_refuses_the_rest() {
    let expected = [
        // register, classify, assign, work, resolve, reopen, review, learn, people, reference, settings
        ("olga", [true, true, true, true, true, false, false, true, false, false, false]),
        ("tom", [false, false, true, true, true, false, false, true, false, false, false]),
        ("lisa", [true, true, true, true, true, true, true, true, true, false, false]),
        ("ad", [true, true, true, true, true, true, true, true, true, true, true]),
        ("stranger", [false; 11]),
    ];
    for (login, allowed) in expected {
        // A fresh servicedesk for each, so one's changes do not decide the next.
        let (_dir, path) = servicedesk();
        let got = attempts(&path, login);
        let got_allowed: Vec<bool> = got.iter().map(|(_, a)| *a).collect();
        assert_eq!(got_allowed, allowed, "{login}: {got:?}");
    }
}

#[test]
fn someone_not_set_up_may_look_and_a_setting_can_give_them_a_role() {
    let (_dir, path) = servicedesk();
    let stranger = Store::open(&path).unwrap().as_user("stranger", false, None).unwrap();
    assert!(stranger.is_read_only());
    assert_eq!(stranger.ticket(1).unwrap().unwrap().title, "Open one", "looking is fine");
    let refused = stranger.create_ticket("stranger", t0(), &incident("New", "Kees"));
    assert!(matches!(refused, Err(StoreError::UnknownUser(ref l)) if l == "stranger"), "{refused:?}");
    let as_operator = Store::open(&path).unwrap().as_user("stranger", false, Some(Role::Operator)).unwrap();
    assert!(as_operator.create_ticket("stranger", t0(), &incident("New", "Kees")).is_ok());
}

fn config_naming(user: &str) -> Config {
    let env = Environment { os_user: Some("root".into()), ..Default::default() };
    Config::from_toml(&format!("user = \"{user}\"\n"), None, &env).unwrap()
}

#[test]
fn the_config_user_is_believed_only_where_the_servicedesk_allows_it() {
    let (_dir, path) = servicedesk();
    let who = meldpunt::identity::resolve(&config_naming("lisa"), Store::open(&path).unwrap()).unwrap();
    assert_eq!((who.user.as_str(), who.ignored.as_deref()), ("root", Some("lisa")), "anyone could write any name");
    assert!(matches!(who.store.identity(), Identity::Unknown(_)));

    Store::open(&path).unwrap().set_setting(Setting::TrustConfigUser, "yes").unwrap();
    let who = meldpunt::identity::resolve(&config_naming("lisa"), Store::open(&path).unwrap()).unwrap();
    assert_eq!(who.user, "lisa");
    assert!(matches!(who.store.identity(), Identity::Agent { role: Role::Lead, .. }));

    // Before anyone is set up, whoever runs it is believed and may do all;
    // setting up the first person makes them an admin.
    let (_dir2, fresh) = temp_db();
    Store::open(&fresh).unwrap().seed_reference(&Default::default()).unwrap();
    let who = meldpunt::identity::resolve(&config_naming("anna"), Store::open(&fresh).unwrap()).unwrap();
    assert_eq!(who.user, "anna");
    who.store.add_agent(&person("bram", "technician")).unwrap();
    let who = meldpunt::identity::resolve(&config_naming("anna"), Store::open(&fresh).unwrap()).unwrap();
    assert!(matches!(who.store.identity(), Identity::Agent { role: Role::Admin, .. }), "{:?}", who.store.identity());
}

fn visible_count(store: &Store, login: &str) -> u64 {
    use meldpunt::domain::queue::{QueueFilter, Scope, Viewer};
    let all = QueueFilter { scope: Scope::All, ..Default::default() };
    store.queue_counts(&all, &Viewer { login: login.into() }, &Default::default()).unwrap().matching
}

#[test]
fn a_restricted_ticket_is_seen_only_by_its_teams_its_assignee_leads_and_admins() {
    let (_dir, path) = servicedesk();
    let program = Store::open(&path).unwrap();
    program.add_agent(&AgentRecord { teams: vec!["Security".into()], ..person("sam", "technician") }).unwrap();
    let as_user = |login: &str| Store::open(&path).unwrap().as_user(login, false, None).unwrap();

    let refused = as_user("olga").restrict("olga", t0(), 1, &["Security".into()]);
    assert!(matches!(refused, Err(StoreError::NotAllowed { .. })), "{refused:?}");
    as_user("lisa").restrict("lisa", t0(), 1, &["Security".into()]).unwrap();

    let olga = as_user("olga");
    assert_eq!(olga.ticket(1).unwrap(), None, "not there for her");
    assert!(olga.events(1).unwrap().is_empty());
    assert_eq!(visible_count(&olga, "olga"), 1, "only the closed one");
    let edit = olga.update_ticket("olga", t0(), 1, None, &[(Field::Title, Some("Peek".into()))]);
    assert!(matches!(edit, Err(StoreError::NotFound(1))), "{edit:?}");
    let note = olga.add_entry("olga", t0(), 1, &meldpunt::domain::entry::NewEntry::note("Peek"));
    assert!(matches!(note, Err(StoreError::NotFound(1))), "{note:?}");

    for login in ["sam", "lisa", "ad"] {
        let store = as_user(login);
        assert!(store.ticket(1).unwrap().is_some(), "{login}");
        assert_eq!(visible_count(&store, login), 2, "{login}");
    }
    // The person it is assigned to sees it too.
    program.update_ticket("lisa", t0(), 1, None, &[(Field::Assignee, Some("tom".into()))]).unwrap();
    assert!(as_user("tom").ticket(1).unwrap().is_some());

    // Lifted: everyone again; both changes are in the timeline.
    as_user("ad").restrict("ad", t0(), 1, &[]).unwrap();
    assert!(as_user("olga").ticket(1).unwrap().is_some());
    let restrictions =
        program.events(1).unwrap().into_iter().filter(|e| e.field.as_deref() == Some("restricted")).count();
    assert_eq!(restrictions, 2);
}

#[test]
fn a_session_kept_open_counts_what_it_may_see_after_every_change_whoever_makes_it() {
    let (_dir, path) = servicedesk();
    let as_user = |login: &str| Store::open(&path).unwrap().as_user(login, false, None).unwrap();
    let tom = as_user("tom");
    assert_eq!(visible_count(&tom, "tom"), 2);
    // Another process restricts it, assigns it to him, then takes him off it again.
    as_user("lisa").restrict("lisa", t0(), 1, &["Security".into()]).unwrap();
    assert_eq!(visible_count(&tom, "tom"), 1, "restricted elsewhere");
    as_user("lisa").update_ticket("lisa", t0(), 1, None, &[(Field::Assignee, Some("tom".into()))]).unwrap();
    assert_eq!(visible_count(&tom, "tom"), 2, "assigned to him elsewhere");
    // His own change, in this session.
    tom.update_ticket("tom", t0(), 1, None, &[(Field::Assignee, Some("olga".into()))]).unwrap();
    assert_eq!(visible_count(&tom, "tom"), 1, "he gave it away himself");
    // Made a member of the team it is kept to.
    let program = Store::open(&path).unwrap();
    program.remove_agent("tom").unwrap();
    program.add_agent(&AgentRecord { teams: vec!["Security".into()], ..person("tom", "technician") }).unwrap();
    assert_eq!(visible_count(&tom, "tom"), 2, "a member of its team now");
}

#[test]
fn only_an_admin_makes_or_removes_an_admin_and_the_last_one_stays() {
    let (_dir, path) = servicedesk();
    let as_user = |login: &str| Store::open(&path).unwrap().as_user(login, false, None).unwrap();
    let made = as_user("lisa").add_agent(&person("eve", "admin"));
    assert!(matches!(made, Err(StoreError::NotAllowed { .. })), "a lead may not make an admin: {made:?}");
    assert!(as_user("lisa").add_agent(&person("eve", "operator")).is_ok());
    assert!(matches!(as_user("lisa").remove_agent("ad"), Err(StoreError::NotAllowed { .. })));
    assert!(matches!(as_user("ad").remove_agent("ad"), Err(StoreError::LastAdmin(_))), "never the last admin");
}

#[test]
fn loading_demo_people_on_a_first_run_keeps_the_user_an_admin() {
    let (_dir, path) = temp_db();
    let first = Store::open(&path).unwrap().as_user("anna", false, None).unwrap();
    meldpunt::service::demo::load_demo(&first, &Default::default(), "en", 50, 1, t0(), |_| {}).unwrap();
    let again = Store::open(&path).unwrap().as_user("anna", false, None).unwrap();
    assert!(matches!(again.identity(), Identity::Agent { role: Role::Admin, .. }), "{:?}", again.identity());
}

#[test]
fn hidden_tickets_cannot_be_changed_by_number_and_completed_reviews_stay_a_leads() {
    let (_dir, path) = servicedesk();
    let as_user = |login: &str| Store::open(&path).unwrap().as_user(login, false, None).unwrap();
    let review = Review {
        what_happened: "Mail stopped".into(),
        cause: "A full disk".into(),
        recommendations: "Watch the disk".into(),
        ..Default::default()
    };
    as_user("lisa").save_review("lisa", t0(), 2, &review, true).unwrap();
    let draft = as_user("tom").save_review("tom", t0(), 2, &review, false);
    assert!(matches!(draft, Err(StoreError::NotAllowed { .. })), "{draft:?}");

    as_user("lisa").restrict("lisa", t0(), 1, &["Network".into()]).unwrap();
    let tom = as_user("tom");
    assert!(matches!(tom.tick("tom", t0(), 1, "service_restored", true), Err(StoreError::NotFound(1))));
    assert!(matches!(tom.ask_lead("tom", t0(), 1, "help", None), Err(StoreError::NotFound(1))));
    assert!(matches!(tom.feedback("tom", t0(), 1, 4, ""), Err(StoreError::NotFound(1))));
}

#[test]
fn a_new_role_applies_to_a_running_session_when_it_looks_again() {
    let (_dir, path) = servicedesk();
    let mut tom = Store::open(&path).unwrap().as_user("tom", false, None).unwrap();
    assert!(!tom.may(meldpunt::domain::access::Permission::ManagePeople));
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE agents SET role = 'lead' WHERE login = 'tom'", [])
        .unwrap();
    assert!(tom.refresh_identity().unwrap(), "it noticed");
    assert!(tom.may(meldpunt::domain::access::Permission::ManagePeople));
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE agents SET active = 0 WHERE login = 'tom'", []).unwrap();
    tom.refresh_identity().unwrap();
    assert!(tom.is_read_only(), "removed: may only look");
}

#[test]
fn a_second_connection_follows_a_changed_role_too() {
    // The connection that sends messages beside the screen's works for the
    // same person, and a removal reaches it as it reaches the first.
    let (_dir, path) = servicedesk();
    let tom = Store::open(&path).unwrap().as_user("tom", false, None).unwrap();
    let mut beside = tom.reopen().unwrap();
    assert!(beside.may(meldpunt::domain::access::Permission::Work));
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE agents SET active = 0 WHERE login = 'tom'", []).unwrap();
    assert!(beside.refresh_identity().unwrap(), "it noticed");
    assert!(beside.is_read_only(), "removed: may only look, on this connection too");
}

#[test]
fn a_hidden_ticket_is_not_counted_nor_linked_for_someone_outside_its_team() {
    use meldpunt::domain::queue::{QueueFilter, Viewer};
    let (_dir, path) = servicedesk();
    let program = Store::open(&path).unwrap();
    // Ticket 3: a P1 security incident, restricted; ticket 1 is linked to it.
    program.create_ticket("olga", t0(), &incident("Break-in on the mail server", "Kees")).unwrap();
    let p1 = Classification {
        category: None,
        subcategory: None,
        service: None,
        impact: Level::new(1).unwrap(),
        urgency: Level::new(1).unwrap(),
        overridden: None,
    };
    program.classify("lisa", t0(), 3, None, &p1).unwrap();
    program.classify("lisa", t0(), 1, None, &p1).unwrap();
    program.promote_major("lisa", t0(), 3, "lisa", "lisa").unwrap();
    program.link_child("lisa", t0(), 1, 3).unwrap();
    program.create_problem("lisa", t0(), "Mail server weaknesses", &[1, 3]).unwrap();
    program.restrict("lisa", t0(), 3, &["Security".into()]).unwrap();

    let tom = Store::open(&path).unwrap().as_user("tom", false, None).unwrap();
    let counts =
        tom.queue_counts(&QueueFilter::default(), &Viewer { login: "tom".into() }, &Default::default()).unwrap();
    assert_eq!((counts.open, counts.p1), (1, 1), "the status bar counts only what tom sees: {counts:?}");
    assert_eq!((counts.matching, counts.any), (1, true), "{counts:?}");
    for column in [SortColumn::Number, SortColumn::Due, SortColumn::Title] {
        let search = QueueFilter { search: Some("break".into()), ..QueueFilter::default() };
        let viewer = Viewer { login: "tom".into() };
        let sort = Sort { column, ascending: false };
        let numbers = Default::default();
        let req = PageRequest {
            filter: &search,
            sort,
            viewer: &viewer,
            numbers: &numbers,
            cursor: &Cursor::First,
            limit: 50,
        };
        assert!(tom.queue_page(&req).unwrap().is_empty(), "a search does not find what tom may not see ({column:?})");
        assert_eq!(tom.queue_counts(&search, &viewer, &numbers).unwrap().matching, 0);
    }
    let lisa = Store::open(&path).unwrap().as_user("lisa", false, None).unwrap();
    let all =
        lisa.queue_counts(&QueueFilter::default(), &Viewer { login: "lisa".into() }, &Default::default()).unwrap();
    assert_eq!((all.open, all.p1), (2, 2), "a lead sees both");

    let problems = tom.problems().unwrap();
    assert_eq!(problems[0].1, 1, "the problem counts only the incident tom sees");
    assert_eq!(lisa.problems().unwrap()[0].1, 2);
    assert_eq!(tom.handling(1).unwrap().unwrap().parent_id, None, "the major incident is not named");
    let links = |s: &Store| s.events(1).unwrap().iter().filter(|e| e.field.as_deref() == Some("parent")).count();
    assert_eq!((links(&tom), links(&lisa)), (0, 1), "nor in the timeline");

    let mut out = Vec::new();
    tom.export_json(&mut out, None, None, |_| {}).unwrap();
    let document: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let one = document["tickets"].as_array().unwrap().iter().find(|t| t["ticket"]["id"] == 1).unwrap();
    assert_eq!(one["ticket"]["parent_id"], serde_json::Value::Null, "no link to the hidden ticket");
    let text = serde_json::to_string(one).unwrap();
    assert!(!one["events"].as_array().unwrap().iter().any(|e| e["field"] == "parent"), "nor its event: {text}");
    let mut out = Vec::new();
    lisa.export_json(&mut out, None, None, |_| {}).unwrap();
    let document: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let one = document["tickets"].as_array().unwrap().iter().find(|t| t["ticket"]["id"] == 1).unwrap();
    assert_eq!(one["ticket"]["parent_id"], 3, "a lead's export keeps it");

    // The daily overview's lists of deadlines name only what tom sees.
    use meldpunt::domain::report::{ReportFilter, ReportName, ReportQuery};
    let far = t0() + chrono::Duration::days(400);
    let query =
        ReportQuery { name: ReportName::Daily, from: t0(), to: far, filter: ReportFilter::default(), now: t0() };
    let clocks =
        |s: &Store| s.report_open_clocks(&query, far).unwrap().into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(clocks(&lisa), vec![1, 3]);
    assert_eq!(clocks(&tom), vec![1], "the hidden P1 is not among tom's deadlines");
}

#[test]
fn recurring_incidents_count_and_name_only_what_the_user_sees() {
    let (_dir, path) = servicedesk();
    let program = Store::open(&path).unwrap();
    for title in ["Mail slow", "Mail slow again", "Mail slow for Security"] {
        let id = program.create_ticket("olga", t0(), &incident(title, "Kees")).unwrap().id;
        let edits = [(Field::Service, Some("E-mail".to_string())), (Field::Category, Some("Network".to_string()))];
        program.update_ticket("olga", t0(), id, None, &edits).unwrap();
    }
    program.restrict("lisa", t0(), 5, &["Security".into()]).unwrap();
    let (from, to) = (t0() - chrono::Duration::days(1), t0() + chrono::Duration::days(1));
    let lisa = Store::open(&path).unwrap().as_user("lisa", false, None).unwrap();
    let tom = Store::open(&path).unwrap().as_user("tom", false, None).unwrap();
    let cluster = &lisa.clusters(from, to, 2).unwrap()[0];
    assert_eq!((cluster.count, cluster.newest), (3, 5));
    let cluster = &tom.clusters(from, to, 2).unwrap()[0];
    assert_eq!((cluster.count, cluster.newest), (2, 4), "the hidden one is not counted nor named");
    assert_eq!(tom.cluster_incidents("E-mail", "Network", from, to).unwrap(), vec![3, 4]);
}

#[test]
fn a_hidden_ticket_cannot_join_a_problem_and_linking_several_is_all_or_nothing() {
    let (_dir, path) = servicedesk();
    let program = Store::open(&path).unwrap();
    let open = program.create_ticket("olga", t0(), &incident("Mail slow", "Kees")).unwrap().id;
    let hidden = program.create_ticket("olga", t0(), &incident("Mail slow for Security", "Kees")).unwrap().id;
    program.restrict("lisa", t0(), hidden, &["Security".into()]).unwrap();
    let tom = Store::open(&path).unwrap().as_user("tom", false, None).unwrap();
    // For tom the hidden ticket does not exist: the same answer as a missing one.
    assert!(
        matches!(tom.create_problem("tom", t0(), "Mail", &[hidden]), Err(StoreError::NotFound(id)) if id == hidden)
    );
    assert!(matches!(tom.create_problem("tom", t0(), "Mail", &[99_999]), Err(StoreError::NotFound(99_999))));
    assert!(program.problem_of(hidden).unwrap().is_none(), "nothing was linked");
    assert!(program.events(hidden).unwrap().iter().all(|e| e.field.as_deref() != Some("problem")));
    let problem = tom.create_problem("tom", t0(), "Mail", &[]).unwrap().id;
    assert!(tom.link_problems("tom", t0(), &[open, 99_999], Some(problem)).is_err());
    assert!(program.problem_of(open).unwrap().is_none(), "one that cannot be linked links none");
    tom.link_problems("tom", t0(), &[open], Some(problem)).unwrap();
    assert_eq!(program.problem_of(open).unwrap().map(|p| p.id), Some(problem));
}

#[test]
fn only_an_admin_adds_to_a_pick_list_and_a_value_is_added_once() {
    use meldpunt::domain::reference::ChoiceList;
    let (_dir, path) = servicedesk();
    let olga = Store::open(&path).unwrap().as_user("olga", false, None).unwrap();
    let refused = olga.add_choice(&ChoiceList::Department, "Kantine");
    assert!(matches!(refused, Err(StoreError::NotAllowed { .. })), "{refused:?}");
    assert!(!olga.pick_lists().unwrap().departments.contains(&"Kantine".to_string()));

    let ad = Store::open(&path).unwrap().as_user("ad", false, None).unwrap();
    ad.add_choice(&ChoiceList::Department, "  Kantine ").unwrap();
    ad.add_choice(&ChoiceList::Subcategory("Network".into()), "Glasvezel").unwrap();
    let lists = ad.pick_lists().unwrap();
    assert!(lists.departments.contains(&"Kantine".to_string()), "{:?}", lists.departments);
    assert!(lists.subcategories("Network").contains(&"Glasvezel".to_string()));
    let unknown = ad.add_choice(&ChoiceList::Subcategory("Nothing".into()), "X");
    assert!(unknown.is_err());
    ad.add_choice(&ChoiceList::Department, "Kantine").unwrap(); // once is enough
    assert_eq!(ad.pick_lists().unwrap().departments.iter().filter(|d| *d == "Kantine").count(), 1);
}

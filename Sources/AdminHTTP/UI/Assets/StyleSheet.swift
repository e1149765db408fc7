/// The UI's only style sheet (`/ui/app.css`): readable at phone width (the navigation
/// wraps, tables scroll sideways, forms stack).
enum StyleSheet {
    static let css = """
    :root { --fg: #1d2330; --muted: #5b6475; --line: #d5dae3; --bg: #f6f7f9; --card: #fff;
            --accent: #1f5fbf; --danger: #b3261e; --ok: #1e7d3a; font-family: system-ui, sans-serif; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.45; }
    body.narrow main { max-width: 26rem; margin: 3rem auto; }
    a { color: var(--accent); }
    code { font-size: .92em; background: #eef1f6; padding: 0 .25em; border-radius: 3px; word-break: break-all; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem;
                 background: #20283a; color: #fff; }
    header.top a { color: #dfe7f7; text-decoration: none; }
    header.top .brand { font-weight: 700; font-size: 1.15rem; color: #fff; }
    header.top nav { display: flex; flex-wrap: wrap; gap: .2rem .9rem; flex: 1; }
    header.top nav a[aria-current] { color: #fff; border-bottom: 2px solid #8fb4ff; }
    header.top .logout button { color: #dfe7f7; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    h1 { margin: .4rem 0 1rem; font-size: 1.6rem; }
    h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; }
    section.card, form.card, div.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
                                        padding: 1rem; margin: 0 0 1rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
    .figure { font-size: 1.8rem; font-weight: 600; }
    label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
    label.inline { display: flex; gap: .4rem; align-items: center; font-weight: 400; margin: .5rem 1rem .2rem 0; }
    fieldset label.inline { display: inline-flex; }
    .card h2:first-of-type { margin-top: 0; }
    input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #aab3c2; border-radius: 4px;
                              max-width: 100%; background: #fff; }
    input:not([type=checkbox]), textarea { width: 28rem; }
    textarea { min-height: 8rem; font-family: ui-monospace, monospace; }
    input[aria-invalid], textarea[aria-invalid] { border-color: var(--danger); }
    button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent);
             background: var(--accent); color: #fff; cursor: pointer; margin-top: .5rem; }
    button.secondary { background: #fff; color: var(--accent); }
    button.danger { background: var(--danger); border-color: var(--danger); }
    button.link { background: none; border: none; padding: 0; margin: 0; text-decoration: underline; }
    button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
        outline: 3px solid #8fb4ff; outline-offset: 1px; }
    form.inline { display: inline; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: var(--card); }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: .85rem; color: var(--muted); font-weight: 600; }
    .notice { background: #e7f4ea; border: 1px solid #b6dcc0; color: var(--ok); padding: .5rem .8rem; border-radius: 4px; }
    .error { background: #fbeaea; border: 1px solid #efc2bf; color: var(--danger); padding: .5rem .8rem; border-radius: 4px; }
    .field-error { color: var(--danger); margin: .2rem 0; font-weight: 600; }
    .help, .muted { color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
    .help { margin: .25rem 0 .4rem; }
    .badge { display: inline-block; padding: 0 .45em; border-radius: 3px; background: #eef1f6; font-size: .85rem; }
    .badge.on { background: #e7f4ea; color: var(--ok); }
    .badge.off { background: #f3f3f3; color: var(--muted); }
    .badge.bad { background: #fbeaea; color: var(--danger); }
    form.setting { border-bottom: 1px solid var(--line); padding: .4rem 0 .6rem; }
    .setting-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .setting-row button { margin-top: 0; }
    svg.chart { width: 100%; height: 12rem; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
    svg.chart .messages { stroke: var(--accent); fill: none; stroke-width: 2; }
    svg.chart .bytes { stroke: #c77700; fill: none; stroke-width: 2; stroke-dasharray: 5 3; }
    svg.chart .in { fill: var(--accent); } svg.chart .out { fill: var(--ok); } svg.chart .refused { fill: var(--danger); }
    svg.chart text { font-size: 11px; fill: var(--muted); }
    .legend span { margin-right: 1rem; font-size: .9rem; }
    .legend .messages { color: var(--accent); } .legend .bytes { color: #c77700; }
    .legend .in { color: var(--accent); } .legend .out { color: var(--ok); } .legend .refused { color: var(--danger); }
    ol.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); margin-left: .5rem; }
    ol.timeline li { padding: .3rem 0 .3rem 1rem; position: relative; }
    ol.timeline li::before { content: ""; position: absolute; left: -.45rem; top: .75rem; width: .6rem; height: .6rem;
                             border-radius: 50%; background: var(--accent); }
    .preview { border: 1px dashed var(--line); padding: .5rem 1rem; background: #fff; }
    fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .8rem 0; min-width: 0; }
    fieldset label.inline.check { display: flex; }
    .sync-run progress { width: 10rem; max-width: 100%; vertical-align: middle; }
    .sync-run:not([data-state=running]) .while-running { display: none; }
    .failure-kind { text-transform: uppercase; letter-spacing: .03em; }
    pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line); padding: .6rem; }
    @media (max-width: 40rem) {
        header.top nav { order: 3; flex-basis: 100%; }
        input:not([type=checkbox]), textarea, select { width: 100%; }
        main { padding: .6rem; }
        h1 { font-size: 1.3rem; }
    }
    """
}

extension UITemplates {
    static let settings = """
    <p class="help">Every setting takes effect without a restart unless its help says otherwise. The same settings are
    <code>postino settings set KEY VALUE</code> on the command line.</p>
    <nav class="actions" aria-label="Setting groups">{{#groups}}<a href="#group-{{name}}">{{name}}</a>{{/groups}}</nav>
    {{#groups}}<section class="card" id="group-{{name}}"><h2>{{name}}</h2>
    {{#settings}}{{> setting}}{{/settings}}
    </section>{{/groups}}
    """
}

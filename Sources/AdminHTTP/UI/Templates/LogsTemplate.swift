extension UITemplates {
    static let logs = """
    <form method="get" action="/logs" class="card" role="search" id="log-search">
      <label for="q">Queue ID, Message-ID or address</label>
      <input id="q" name="q" required value="{{q}}" placeholder="4bX9kq2mTz1a, &lt;id@example.com&gt; or alice@example.com"
             {{#error}}aria-invalid="true" aria-describedby="q-error"{{/error}}>
      {{#error}}<p class="field-error" id="q-error">{{error}}</p>{{/error}}
      <div><button type="submit">Search</button></div>
    </form>
    {{#searched}}{{^found}}<p class="muted">Nothing in the mail log about {{q}}.</p>{{/found}}{{/searched}}
    {{#timelines}}<section class="card timeline" id="timeline-{{qid}}"><h2>Message <code>{{qid}}</code></h2>
      <ol class="timeline">{{#events}}<li><time>{{time}}</time> <span class="badge">{{kind}}</span>
      <span class="muted">{{component}}</span><br>{{text}}</li>{{/events}}</ol>
    </section>{{/timelines}}
    """
}

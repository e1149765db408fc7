extension UITemplates {
    static let queue = """
    <section class="card"><h2>Length and size over the last hour</h2>
      <p><span class="figure" data-live="queue-messages">{{count}}</span> messages, <span data-live="queue-bytes">{{bytes}}</span></p>
      <p class="legend"><span class="messages">— messages</span><span class="bytes">- - size</span></p>
      <svg class="chart" data-chart="queue" data-source="/api/v1/queue/stats" data-every="5" viewBox="0 0 600 180"
           role="img" aria-label="Queue length and size over the last hour"></svg>
    </section>
    {{^empty}}<div class="actions">
      <form method="post" action="/queue/resend"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">Resend all now</button></form>
      <form method="post" action="/queue/delete" data-confirm="Delete every queued message? Senders get no notice.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger">Delete all</button></form>
    </div>{{/empty}}
    <div class="table-wrap"><table id="queue-table">
      <thead><tr><th scope="col">QID</th><th scope="col">From</th><th scope="col">Deliveries</th><th scope="col">Size</th>
      <th scope="col">Arrived</th><th scope="col">Actions</th></tr></thead>
      <tbody>{{#messages}}<tr id="queue-{{qid}}"><td><a href="/logs?q={{qid}}"><code>{{qid}}</code></a></td><td>{{sender}}</td>
      <td>{{#deliveries}}<div>{{recipient}}: <strong>{{status}}</strong> via {{route}}{{#next}}, next try {{next}}{{/next}}
      {{#reply}}<br><span class="muted">{{reply}}</span>{{/reply}}</div>{{/deliveries}}</td>
      <td>{{size}}</td><td>{{arrival}}</td>
      <td class="actions">
        <form method="post" action="{{href}}/resend"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit" class="secondary" aria-label="Resend {{qid}}">Resend</button></form>
        <form method="post" action="{{href}}/delete" data-confirm="Delete {{qid}} from the queue? The sender gets no notice.">
          <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" aria-label="Delete {{qid}}">Delete</button></form>
      </td></tr>{{/messages}}
      {{#empty}}<tr><td colspan="6" class="muted">The queue is empty.</td></tr>{{/empty}}</tbody>
    </table></div>
    """
}

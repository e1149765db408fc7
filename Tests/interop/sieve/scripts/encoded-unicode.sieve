require ["encoded-character"];
if header :contains "subject" "${unicode:e9}t${unicode:00E9}" { discard; }

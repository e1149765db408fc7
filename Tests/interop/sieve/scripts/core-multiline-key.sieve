if header :contains "subject" text:
budget
.
{ discard; }

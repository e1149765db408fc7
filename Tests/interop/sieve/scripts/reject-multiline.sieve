require "reject";
reject text:
I do not accept
this message.
.
;

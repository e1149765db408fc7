require "body";
if body :raw :contains "<b>rapport</b>" { discard; }

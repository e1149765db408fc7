require "body";
if body :raw :contains "=C3=A9t=C3=A9" { discard; }

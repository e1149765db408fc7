require ["include"];
include "stopper";
redirect "never@example.com";

require ["include"];
include :once "counter";
include :once "counter";

require ["include"];
include "lists";

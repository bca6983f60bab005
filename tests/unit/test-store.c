#include "test.h"
void test_store_register(void) {}

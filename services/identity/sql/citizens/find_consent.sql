SELECT granted FROM citizen_consents
 WHERE tenant_id = $1 AND citizen_id = $2::uuid AND topic = $3;

//! Help with using a certificate (bantuan penggunaan sertifikat): the
//! register of requests on the person's page and the counts the service
//! report shows.

pub mod figures;
pub mod register;
